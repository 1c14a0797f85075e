/**
 * Who is calling: {@link dev.herald.security.identity.Identity} and the credential it came
 * with, the request's {@link dev.herald.security.identity.Caller}, session tokens and JWTs
 * ({@link dev.herald.security.identity.Authenticator}), the dev sign-in
 * ({@link dev.herald.security.identity.SessionResource}) and the seam where sign-outs are kept
 * ({@link dev.herald.security.identity.RevokedTokens}, implemented in {@code signout}).
 * Sign-ins and sign-outs are announced as CDI events, so nothing here knows who listens.
 */
package dev.herald.security.identity;
