package dev.herald.security.limits;

import dev.herald.http.ProblemException;

/**
 * How many streams one user and one client address may hold open, and the refusals past
 * them: the same words whether this node counted alone or with the cluster.
 */
public record StreamQuota(int perUser, int perAddress) {
    /** A slot frees when some stream ends; clients should not hammer meanwhile. */
    static final long RETRY_AFTER_SECONDS = 5;

    public StreamQuota {
        if (perUser < 1 || perAddress < 1) throw new IllegalArgumentException("stream limits must be at least 1");
    }

    ProblemException userFull() {
        return ProblemException.tooManyRequests("at most " + perUser + " open streams per user; close one first", RETRY_AFTER_SECONDS);
    }

    ProblemException addressFull() {
        return ProblemException.tooManyRequests("at most " + perAddress + " open streams per client address", RETRY_AFTER_SECONDS);
    }
}
