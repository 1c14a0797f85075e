package dev.herald.testing;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class of the integration tests' third lane: beside the first and the {@link SecondLane},
 * one third-lane class at a time. For the classes that start a node of their own and touch
 * nothing of the other lanes (no shared node, no port, database or Redis that another class
 * stops or flushes): restarts, traces, a node without Herald, an application that embeds it.
 * They spend most of their time waiting for their node to start, stop or write a log.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("herald-third-lane")
public @interface ThirdLane {
}
