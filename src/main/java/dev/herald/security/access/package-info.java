/** Which topics a caller may read: a {@link dev.herald.security.access.TopicGuard} per family, held by {@link dev.herald.security.access.TopicAccess}. */
package dev.herald.security.access;
