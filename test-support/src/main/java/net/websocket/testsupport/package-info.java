/**
 * Test support shared by the modules' tests: the fuzz input layout of the framing decoders, an event log that checks
 * the {@link net.websocket.api.spi.FrameSink} contract as it records, a parser of text handshake requests, and a
 * recorder of what the JDK's WebSocket client receives ({@link net.websocket.testsupport.JdkWebSocketRecorder}). Used
 * only by tests; not a bundle.
 */
package net.websocket.testsupport;
