package dev.herald.sse;

import dev.herald.hub.Frame;
import dev.herald.hub.Outlet;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;

import java.lang.reflect.Type;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * A stream served from a JAX-RS resource ({@link SinkStreams}): the sink writes the opening, the
 * servlet's writer everything after it. The hub's opening frame stands for the sink's, so the
 * stream's writer starts once that is out.
 */
final class SinkOutlet implements Outlet {
    private final ServletOutlet writer;
    private final CompletionStage<Void> opened;

    /** @param opened completes once the sink has written the opening on the request's thread */
    SinkOutlet(ServletOutlet writer, CompletionStage<Void> opened) {
        this.writer = writer;
        this.opened = opened;
    }

    @Override
    public String transport() {
        return "jaxrs";
    }

    @Override
    public CompletionStage<?> send(Frame frame) {
        return frame instanceof Frame.Open ? opened : writer.send(frame);
    }

    @Override
    public CompletionStage<?> sendAll(List<Frame> frames) {
        // The opening is a stream's first frame: only its first write can hold it.
        if (!(frames.get(0) instanceof Frame.Open)) return writer.sendAll(frames);
        List<Frame> after = frames.subList(1, frames.size());
        return opened.thenCompose(done -> writer.sendAll(after));
    }

    @Override
    public void close() {
        writer.close();
    }

    /**
     * The opening ({@code : herald}, {@code retry:}) as an event RESTEasy writes whole: its own
     * builder drops {@code retry:} from an event without data, which a browser would dispatch.
     */
    record Opening(long retryMillis) implements OutboundSseEvent {
        @Override
        public String getComment() {
            return "herald";
        }

        @Override
        public long getReconnectDelay() {
            return retryMillis;
        }

        @Override
        public boolean isReconnectDelaySet() {
            return true;
        }

        /** Not null: RESTEasy writes {@code retry:} only for an event with a type. */
        @Override
        public Class<?> getType() {
            return String.class;
        }

        @Override
        public Type getGenericType() {
            return String.class;
        }

        @Override
        public MediaType getMediaType() {
            return MediaType.TEXT_PLAIN_TYPE;
        }

        @Override
        public Object getData() {
            return null;
        }

        @Override
        public String getId() {
            return null;
        }

        @Override
        public String getName() {
            return null;
        }
    }
}
