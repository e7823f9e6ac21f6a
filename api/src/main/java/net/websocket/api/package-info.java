/**
 * The net.websocket API.
 *
 * <p>A server routes each WebSocket handshake through a {@link net.websocket.api.ServiceMapper} (URL-path regular
 * expression, then offered subprotocol) to an {@link net.websocket.api.Endpoint}: either a
 * {@link net.websocket.api.Handler}, which owns the {@link net.websocket.api.Connection} on a thread of its own and
 * uses blocking or asynchronous calls, or a {@link net.websocket.api.Listener}, which is told of events. Clients are
 * opened through a {@link net.websocket.api.WebSocketClient}.
 *
 * <p>{@code Handler} is a functional interface, and every method that takes an endpoint has a twin that takes a
 * {@code Handler}, so a lambda is a handler without a cast; {@link net.websocket.api.Listener#ofText} makes a
 * listener of a lambda.
 * <h2>For readers of the Racket and Chicken Scheme libraries</h2>
 * The API covers what Racket's {@code rfc6455} package (with its {@code net/websocket}-compatible API) and Chicken
 * Scheme's {@code websockets} egg offer; this table is the one place that maps their names to these.
 * <table>
 * <caption>Racket and Chicken names, and their counterparts here</caption>
 * <tr><th>there</th><th>here</th></tr>
 * <tr><td>{@code ws-serve}, its connection handler</td><td>{@code WebSockets.serve(ServerOptions, Endpoint)} with a
 * {@link net.websocket.api.Handler}</td></tr>
 * <tr><td>{@code ws-service-mapper}</td><td>{@link net.websocket.api.ServiceMapper}</td></tr>
 * <tr><td>{@code ws-connect} {@code #:headers}, {@code #:protocol}</td><td>{@code WebSockets.connect(URI,
 * ConnectRequest)}; {@link net.websocket.api.ConnectRequest.Builder#header}, {@code #variant}</td></tr>
 * <tr><td>{@code ws-send!} {@code #:payload-type}, {@code #:final-fragment?}</td>
 * <td>{@link net.websocket.api.Connection#sendText}, {@code #sendBinary}, {@code #sendFragment} with a
 * {@link net.websocket.api.PayloadType}</td></tr>
 * <tr><td>{@code ws-send!} given an input port; {@code rfc6455-stream-buffer-size}</td>
 * <td>{@link net.websocket.api.Connection#sendStream}; {@code streamFragmentSize} in
 * {@link net.websocket.api.ConnectionSettings}</td></tr>
 * <tr><td>{@code ws-recv} {@code #:payload-type}</td><td>{@link net.websocket.api.Connection#receive} and
 * {@link net.websocket.api.Message#text()}, {@code #data()}</td></tr>
 * <tr><td>{@code ws-idle-timeout}</td><td>{@code idleTimeout} in {@link net.websocket.api.ConnectionSettings}</td></tr>
 * <tr><td>{@code net/websocket}'s {@code #:conn-headers}; the handler's second argument</td>
 * <td>{@link net.websocket.api.HandshakeHook}; {@link net.websocket.api.Connection#state()}</td></tr>
 * <tr><td>{@code net/websocket}'s {@code #:max-waiting}</td><td>{@code ServerOptions.backlog}</td></tr>
 * <tr><td>Chicken's {@code accept-connection}</td><td>{@code ServerOptions.originPolicy} ({@code OriginPolicy},
 * {@code allowedOrigins})</td></tr>
 * <tr><td>Chicken's {@code max-frame-size}, {@code max-message-size}</td><td>{@code maxFrameSize},
 * {@code maxMessageSize} in {@link net.websocket.api.ConnectionSettings} (1 MiB each by default)</td></tr>
 * <tr><td>the examples {@code time-server.rkt}, {@code test-server.rkt}, {@code test-service-mapper.rkt},
 * {@code client.rkt}, {@code cat.rkt}, {@code time-client-with-threads.rkt}, {@code time-client-with-sync.rkt},
 * the hello-world {@code ws-serve}, {@code net/websocket}'s echo example</td>
 * <td>in module {@code net.websocket.examples}: {@code TimeHandler}, {@code TestServerHandler}, the {@code /test}
 * route of {@code ExampleServer}, {@code Client}, {@code Cat}, {@code TimeClientThreads}, {@code TimeClientAsync},
 * {@code HelloServer}, {@code /origin-echo} ({@code OriginCheck})</td></tr>
 * </table>
 */
@Version("1.3.0")
@Export
package net.websocket.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
