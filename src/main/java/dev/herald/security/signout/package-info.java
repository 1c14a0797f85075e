/**
 * Where sign-outs are kept ({@link dev.herald.security.identity.RevokedTokens} in memory, the
 * node's database or Redis) and how every node hears of them: the
 * {@link dev.herald.security.signout.SignOutFeed} ends this node's streams of a token signed
 * out anywhere, and carries stream renewals beside it.
 */
package dev.herald.security.signout;
