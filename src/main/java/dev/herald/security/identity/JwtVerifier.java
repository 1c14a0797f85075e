package dev.herald.security.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.herald.http.Jsonp.JSON;

/**
 * Verifies an identity provider's RS256/RS384/RS512 JWT the way MicroProfile JWT
 * specifies, through Nimbus JOSE+JWT: the signature by a configured public key (PEM, JWK
 * or JWKS, chosen by {@code kid}), the header's {@code alg} equal to the configured one
 * (so {@code alg: none} and HS/RS confusion never reach a verifier), {@code iss} equal to
 * the configured issuer, {@code aud} containing a configured audience, {@code exp}
 * required and {@code nbf} honoured within the clock skew. Herald only picks the key and
 * reads the claims it needs; the cryptography and claim checks are the library's.
 */
public final class JwtVerifier {
    /** A cheap bound before any parsing: tokens come from clients. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{2,4096}\\.[A-Za-z0-9_-]{2,16384}\\.[A-Za-z0-9_-]{2,1024}");
    private static final Set<JWSAlgorithm> SUPPORTED = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512);

    /** The verified claims that matter to Herald. */
    public record Claims(String user, Set<String> groups, String tokenId, long expiresAtMillis) {
    }

    private final Map<String, RSAPublicKey> keys;
    private final String issuer;
    private final Set<String> audiences;
    private final JWSAlgorithm algorithm;
    private final int skewSeconds;

    /**
     * @param keys      by {@code kid}; a key without one is stored under ""
     * @param audiences empty accepts any audience (MicroProfile: none configured, none checked)
     */
    public JwtVerifier(Map<String, RSAPublicKey> keys, String issuer, Set<String> audiences, String algorithm, long skewMillis) {
        if (keys.isEmpty()) throw new IllegalArgumentException("no public key to verify JWTs with");
        if (issuer == null || issuer.isBlank()) throw new IllegalArgumentException("mp.jwt.verify.issuer is required in jwt mode");
        JWSAlgorithm alg = algorithm == null ? null : JWSAlgorithm.parse(algorithm);
        if (alg == null || !SUPPORTED.contains(alg)) {
            throw new IllegalArgumentException("mp.jwt.verify.publickey.algorithm: " + algorithm + " is not supported (RS256, RS384, RS512)");
        }
        this.keys = Map.copyOf(keys);
        this.issuer = issuer;
        this.audiences = Set.copyOf(audiences);
        this.algorithm = alg;
        this.skewSeconds = (int) Math.min(Integer.MAX_VALUE, Math.max(0, skewMillis / 1000));
    }

    public static boolean looksLikeJwt(String token) {
        return token != null && SHAPE.matcher(token).matches();
    }

    public Optional<Claims> verify(String token, long nowMillis) {
        if (!looksLikeJwt(token)) return Optional.empty();
        try {
            JWTClaimsSet claims = processor(nowMillis).process(SignedJWT.parse(token), null);
            String user = firstString(claims, "upn", "preferred_username", "sub");
            if (user == null || user.isBlank() || user.length() > 200 || user.codePoints().anyMatch(Character::isISOControl)) {
                return Optional.empty();
            }
            List<String> groups = claims.getClaim("groups") instanceof List<?> ? claims.getStringListClaim("groups") : null;
            return Optional.of(new Claims(user, groups == null ? Set.of() : Set.copyOf(new HashSet<>(groups)), claims.getJWTID(),
                    claims.getExpirationTime().getTime()));
        } catch (ParseException | BadJOSEException | JOSEException | RuntimeException refused) {
            return Optional.empty();
        }
    }

    /** A processor for one verification: cheap to build, and it carries the caller's clock. */
    private DefaultJWTProcessor<SecurityContext> processor(long nowMillis) {
        var processor = new DefaultJWTProcessor<>();
        // The configured algorithm and no other: a token naming another (none, HS256) gets no key.
        processor.setJWSKeySelector((header, context) -> {
            if (!algorithm.equals(header.getAlgorithm())) return List.of();
            RSAPublicKey key = keyFor(header.getKeyID());
            return key == null ? List.of() : List.of(key);
        });
        // MicroProfile JWT does not constrain "typ"; identity providers send JWT, at+jwt or none.
        processor.setJWSTypeVerifier((type, context) -> { });
        var exact = new JWTClaimsSet.Builder().issuer(issuer).build();
        var claimsVerifier = new DefaultJWTClaimsVerifier<>(audiences.isEmpty() ? null : audiences, exact, Set.of("exp"), null) {
            @Override
            protected Date currentTime() {
                return new Date(nowMillis);
            }
        };
        claimsVerifier.setMaxClockSkew(skewSeconds);
        processor.setJWTClaimsSetVerifier(claimsVerifier);
        return processor;
    }

    /** The key named by {@code kid}; the only key whatever the token names; or the unnamed key. */
    private RSAPublicKey keyFor(String kid) {
        if (kid != null && keys.containsKey(kid)) return keys.get(kid);
        if (keys.size() == 1) return keys.values().iterator().next();
        return kid == null ? keys.get("") : null;
    }

    private static String firstString(JWTClaimsSet claims, String... names) {
        for (String name : names) {
            if (claims.getClaim(name) instanceof String s) return s;
        }
        return null;
    }

    // --- keys ------------------------------------------------------------------------------

    /** Keys from PEM ({@code -----BEGIN PUBLIC KEY-----}), one JWK, or a JWKS ({@code {"keys":[…]}}). */
    public static Map<String, RSAPublicKey> parseKeys(String text) {
        String t = text.strip();
        Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
        try {
            if (t.startsWith("-----BEGIN PUBLIC KEY-----")) {
                String base64 = t.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
                keys.put("", (RSAPublicKey) KeyFactory.getInstance("RSA")
                        .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64))));
            } else if (t.startsWith("{")) {
                JsonObject o;
                try (var reader = JSON.createReader(new StringReader(t))) {
                    o = reader.readObject();
                }
                JsonArray list = o.containsKey("keys") ? o.getJsonArray("keys") : JSON.createArrayBuilder().add(o).build();
                // One key at a time, so a set that also carries EC or encryption keys still yields its RSA signing keys.
                for (JsonValue v : list) {
                    JsonObject jwk = v.asJsonObject();
                    if (!(jwk.get("kty") instanceof JsonString kty) || !"RSA".equals(kty.getString())) continue;
                    RSAKey key = JWK.parse(jwk.toString()).toRSAKey();
                    if (key.getKeyUse() != null && !KeyUse.SIGNATURE.equals(key.getKeyUse())) continue;
                    keys.put(key.getKeyID() == null ? "" : key.getKeyID(), key.toRSAPublicKey());
                }
            }
        } catch (GeneralSecurityException | ParseException | JOSEException | RuntimeException e) {
            throw new IllegalArgumentException("the JWT public key is neither a PEM public key nor a JWK/JWKS of RSA keys", e);
        }
        if (keys.isEmpty()) throw new IllegalArgumentException("no RSA public key found in the configured JWT key text");
        return keys;
    }
}
