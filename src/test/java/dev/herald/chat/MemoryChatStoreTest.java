package dev.herald.chat;

class MemoryChatStoreTest extends ChatStoreContractTest {
    @Override
    ChatStore store(int historyLimit) {
        return new MemoryChatStore(historyLimit);
    }
}
