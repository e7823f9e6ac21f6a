/**
 * Codec helpers shared by the protocol variants and the runtime, so that each rule is written once: incremental
 * UTF-8 validation ({@link net.websocket.api.codec.Utf8}), the HTTP token rule
 * ({@link net.websocket.api.codec.HttpTokens}) and the writing of HTTP heads
 * ({@link net.websocket.api.codec.HttpHeadWriter}). Pure functions and small value builders: no I/O, no threads.
 */
@Version("1.0.0")
@Export
package net.websocket.api.codec;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
