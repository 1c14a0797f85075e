package dev.herald.security;

import dev.herald.security.AuthorizationMatrix.Caller;
import dev.herald.testing.Api;
import dev.herald.testing.SharedNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint × every caller in dev mode, over real HTTP (jwt mode: {@link JwtModeIT}). */
@ExtendWith(SharedNode.class)
class AuthorizationMatrixIT {

    @Test
    void everyEndpointAnswersEveryCallerAsTheTableSays() {
        var callers = MatrixRunner.callers();
        // Fresh sign-ins per cell: a row may sign the caller out.
        callers.put(Caller.USER, () -> Api.signIn("matrix-alice"));
        callers.put(Caller.OTHER_USER, () -> Api.signIn("matrix-bob"));
        callers.put(Caller.PUBLISHER, () -> Api.PUBLISHER_TOKEN);
        // Dev mode has no way to become admin: that column is checked in jwt mode.
        var rows = new ArrayList<>(AuthorizationMatrix.common());
        rows.addAll(AuthorizationMatrix.devOnly());
        int cells = MatrixRunner.run(rows, Api::uri, callers,
                MatrixRunner.fixtures("matrix-alice", Api.signIn("matrix-alice"), Api::uri, Api.PUBLISHER_TOKEN));
        assertTrue(cells >= rows.size() * 4, "checked " + cells);
    }
}
