package dev.herald.hub;

import java.util.regex.Pattern;

/** The topic and event-type grammar, checked before any lookup uses client text. */
public final class Topics {
    public static final int MAX_LENGTH = 207; // "custom/" + 200
    private static final Pattern TOPIC = Pattern.compile("[A-Za-z0-9._:/-]{1,207}");
    private static final Pattern CUSTOM_NAME = Pattern.compile("[A-Za-z0-9._:/-]{1,200}");
    private static final Pattern TYPE = Pattern.compile("[A-Za-z][A-Za-z0-9_.:-]{0,63}");

    private Topics() {
    }

    public static boolean isValid(String topic) {
        return topic != null && topic.length() <= MAX_LENGTH && TOPIC.matcher(topic).matches();
    }

    public static boolean isValidType(String type) {
        return type != null && type.length() <= 64 && TYPE.matcher(type).matches();
    }

    /** {@code custom/<name>} with the contract's name grammar. */
    public static boolean isCustom(String topic) {
        return topic != null && topic.startsWith("custom/")
                && CUSTOM_NAME.matcher(topic.substring("custom/".length())).matches();
    }
}
