/** What browsers are told and checked for: allowed origins, the cross-site check of writes, security and CORS headers. */
package dev.herald.security.web;
