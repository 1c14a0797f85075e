package dev.herald.redis;

import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script shipped beside this class, run by its SHA-1 and sent in full only when
 * Redis does not know it (first use, or after Redis restarted).
 */
public final class LuaScript {
    private final String text;
    private final String sha;

    private LuaScript(String text) {
        this.text = text;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Scripts shipped beside {@code anchor}, concatenated, so scripts can share a function. */
    public static LuaScript load(Class<?> anchor, String... resources) {
        var text = new StringBuilder();
        for (String name : resources) {
            try (InputStream in = anchor.getResourceAsStream(name)) {
                if (in == null) throw new IllegalStateException("missing script " + name);
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8)).append('\n');
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new LuaScript(text.toString());
    }

    public Object run(UnifiedJedis redis, List<String> keys, List<String> args) {
        try {
            return redis.evalsha(sha, keys, args);
        } catch (JedisNoScriptException unknown) {
            return redis.eval(text, keys, args);
        }
    }
}
