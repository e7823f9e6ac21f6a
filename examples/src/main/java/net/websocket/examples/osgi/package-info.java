/**
 * The example endpoints as Declarative Services components on the WebSocket whiteboard: {@code /echo},
 * {@code /test-server}, {@code /test}, {@code /time} and {@code /origin-echo} with its origin check, served by every
 * server configured in the framework, as {@link net.websocket.examples.ExampleServer} serves them on the module path.
 * Not exported: the components are found by Declarative Services, never by class name.
 */
package net.websocket.examples.osgi;
