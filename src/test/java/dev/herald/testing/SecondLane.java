package dev.herald.testing;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class of the integration tests' second lane: it runs beside the first lane (the classes
 * without a lane annotation, one after another) and the {@link ThirdLane}, one second-lane class
 * at a time, so that each lane's waiting for nodes and events overlaps the others' work
 * (docs/testing.md).
 *
 * <p>Only for a class that shares nothing with any class of the first lane: no node, port,
 * Redis, nginx or database that a class of another lane uses or stops. Today: the docs' walks
 * (which build and start nodes of their own on the machine's ports and use its PostgreSQL) and
 * the PostgreSQL node (which stops that PostgreSQL); and the strict node's classes (jwt mode and
 * tight limits, on a node of their own), which fit beside those in the time the first lane takes. The class's test methods still run one after another, in their order (a class holding
 * a lock runs its methods in its own thread).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("herald-second-lane")
public @interface SecondLane {
}
