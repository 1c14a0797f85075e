package dev.herald.testing;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URI;

/** The WAR that `package` built, deployed as-is: integration tests prove what users run. */
public final class HeraldDeployment {
    private HeraldDeployment() {
    }

    public static WebArchive war() {
        String path = System.getProperty("herald.it.war", "target/herald.war");
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
    }

    public static URI base() {
        return URI.create("http://localhost:" + System.getProperty("herald.it.port", "9380") + "/");
    }
}
