package dev.herald.liveness;

/** How a node notices clients that left: {@code herald.liveness.mode}. */
public enum LivenessMode {
    /** The kernel's connection table where the system has one (Linux), probes for the rest. */
    AUTO,
    /** Probes only: the portable way, two small writes per quiet stream and interval. */
    PROBE,
    /** Nothing beyond failed writes and heartbeats: a closed stream lingers up to two heartbeats. */
    OFF;

    public static LivenessMode parse(String raw) {
        for (LivenessMode m : values()) if (m.name().equalsIgnoreCase(raw.trim())) return m;
        throw new IllegalArgumentException("herald.liveness.mode: '" + raw + "' is not one of auto, probe, off");
    }
}
