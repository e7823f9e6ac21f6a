/**
 * The example endpoints as Declarative Services components on the WebSocket whiteboard: {@code /echo},
 * {@code /test-server}, {@code /test}, {@code /time}, {@code /origin-echo} with its origin check, and
 * {@code /topic/NAME} on the cluster bundle's {@code Topics} service when that bundle is there, served by every server
 * configured in the framework, as {@link net.websocket.examples.ExampleServer} serves them on the module path.
 * Not exported: the components are found by Declarative Services, never by class name.
 */
package net.websocket.examples.osgi;
