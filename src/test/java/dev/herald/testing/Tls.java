package dev.herald.testing;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/** HTTPS to the test server's self-signed certificate, over HTTP/2 as browsers speak it. */
public final class Tls {
    private Tls() {
    }

    public static URI uri(String pathAndQuery) {
        return URI.create("https://localhost:" + SharedNode.place().httpsPort() + pathAndQuery);
    }

    public static HttpClient http2Client() throws GeneralSecurityException {
        var trustAll = SSLContext.getInstance("TLS");
        trustAll.init(null, new TrustManager[]{new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] c, String a) {
            }

            public void checkServerTrusted(X509Certificate[] c, String a) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        return HttpClient.newBuilder().sslContext(trustAll).version(HttpClient.Version.HTTP_2).build();
    }
}
