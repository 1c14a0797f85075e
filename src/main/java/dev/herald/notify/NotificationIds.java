package dev.herald.notify;

/** Notification ids as every store issues them: decimal, from one sequence, larger is newer. */
final class NotificationIds {
    private NotificationIds() {
    }

    /** Client text: anything that is not one of our ids is -1, which matches nothing. */
    static long parse(String id) {
        if (id == null || id.isEmpty() || id.length() > 19 || !id.chars().allMatch(c -> c >= '0' && c <= '9')) return -1;
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }
}
