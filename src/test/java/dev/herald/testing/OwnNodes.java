package dev.herald.testing;

import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class whose nodes are its own (ports, data, a Redis or nginx of its own; none of the
 * shared node's): it runs beside the shared node's classes, which run one after another, and
 * one such class at a time. Most of either lane is waiting for a node to start or for an event
 * to arrive, so the two together take little more than the longer one. Its test methods run one
 * after another, in their order (a class holding a lock runs its methods in its own thread).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("herald-own-nodes")
public @interface OwnNodes {
}
