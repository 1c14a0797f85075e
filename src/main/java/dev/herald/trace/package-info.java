/**
 * Traces through Liberty's MicroProfile Telemetry (OpenTelemetry): the hub's {@code Tracing}
 * (fan-out and write spans) under the span Liberty makes for the publish request from its
 * {@code traceparent}. Every reference to OpenTelemetry is in the {@code Otel…} classes, loaded
 * only when Liberty lets the application see the API; otherwise, and while the SDK is disabled
 * (Liberty's default), nothing is traced and nothing is paid. Depends on {@code hub} only.
 */
package dev.herald.trace;
