package dev.herald.notify;

class MemoryNotificationStoreTest extends NotificationStoreContractTest {
    @Override
    NotificationStore store(int retention) {
        return new MemoryNotificationStore(retention);
    }
}
