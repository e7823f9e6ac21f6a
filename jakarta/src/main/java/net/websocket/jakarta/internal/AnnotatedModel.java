package net.websocket.jakarta.internal;

import java.lang.annotation.Annotation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;

/**
 * What an annotated endpoint class declares (Jakarta WebSocket 2.1, chapter 4): its {@code @OnOpen},
 * {@code @OnClose} and {@code @OnError} methods and its {@code @OnMessage} methods, at most one for each native
 * message type (text, binary, pong), each with how to fill its parameters. The class is read once, when it is
 * deployed; a declaration the specification forbids is a {@link DeploymentException} then.
 */
final class AnnotatedModel {

    /** What a call of a lifecycle or message method may pass. */
    record Call(Session session, EndpointConfig config, CloseReason reason, Throwable error, Object message,
            boolean last) {
    }

    /** One parameter's value for a call. */
    @FunctionalInterface
    private interface Arg {
        Object get(Call call) throws DecodeException;
    }

    /** A method and how to fill its parameters. */
    static class Callback {
        final Method method;
        private final Arg[] args;

        Callback(Method method, Arg[] args) {
            this.method = method;
            this.args = args;
        }

        /**
         * Calls the method on the endpoint instance.
         *
         * @return what the method returned
         * @throws Exception what the method threw, or a {@link DecodeException} of a path parameter
         */
        Object invoke(Object target, Call call) throws Exception {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = args[i].get(call);
            }
            try {
                return method.invoke(target, values);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw e;
            }
        }
    }

    /** An {@code @OnMessage} method: its message type, kind, whether it takes parts and its size limit. */
    static final class MessageMethod extends Callback {
        final Class<?> type;
        final MessageHandlers.Kind kind;
        final boolean partial;
        final long maxMessageSize;

        MessageMethod(Method method, Arg[] args, Class<?> type, MessageHandlers.Kind kind, boolean partial,
                long maxMessageSize) {
            super(method, args);
            this.type = type;
            this.kind = kind;
            this.partial = partial;
            this.maxMessageSize = maxMessageSize;
        }
    }

    final Class<?> type;
    final Callback onOpen;
    final Callback onClose;
    final Callback onError;
    final List<MessageMethod> messages;

    private AnnotatedModel(Class<?> type, Callback onOpen, Callback onClose, Callback onError,
            List<MessageMethod> messages) {
        this.type = type;
        this.onOpen = onOpen;
        this.onClose = onClose;
        this.onError = onError;
        this.messages = messages;
    }

    /** {@return the size limit of the {@code @OnMessage} method of this kind, or -1 if it sets none} */
    long maxMessageSize(MessageHandlers.Kind kind) {
        for (MessageMethod m : messages) {
            if (m.kind == kind) {
                return m.maxMessageSize;
            }
        }
        return -1;
    }

    /**
     * Reads an annotated endpoint class.
     *
     * @param type     the class
     * @param decoders the decoders its configuration names
     * @return the model
     * @throws DeploymentException if the class declares what the specification forbids
     */
    static AnnotatedModel of(Class<?> type, List<Class<? extends Decoder>> decoders) throws DeploymentException {
        if (!Modifier.isPublic(type.getModifiers()) || type.isInterface() || Modifier.isAbstract(type.getModifiers())) {
            throw new DeploymentException(type.getName() + " is not a public concrete class");
        }
        Method open = null;
        Method close = null;
        Method error = null;
        List<Method> onMessage = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.isAnnotationPresent(OnOpen.class)) {
                open = single(open, m, OnOpen.class);
            }
            if (m.isAnnotationPresent(OnClose.class)) {
                close = single(close, m, OnClose.class);
            }
            if (m.isAnnotationPresent(OnError.class)) {
                error = single(error, m, OnError.class);
            }
            if (m.isAnnotationPresent(OnMessage.class)) {
                onMessage.add(m);
            }
        }
        Callback onOpen = open == null ? null : lifecycle(open, EndpointConfig.class, false);
        Callback onClose = close == null ? null : lifecycle(close, CloseReason.class, false);
        Callback onError = error == null ? null : lifecycle(error, Throwable.class, true);
        List<MessageMethod> messages = new ArrayList<>();
        Set<MessageHandlers.Kind> kinds = EnumSet.noneOf(MessageHandlers.Kind.class);
        for (Method m : onMessage) {
            MessageMethod mm = message(m, decoders);
            if (!kinds.add(mm.kind)) {
                throw new DeploymentException(type.getName() + " has more than one @OnMessage method for "
                        + mm.kind.name().toLowerCase(java.util.Locale.ROOT) + " messages");
            }
            messages.add(mm);
        }
        return new AnnotatedModel(type, onOpen, onClose, onError, List.copyOf(messages));
    }

    private static Method single(Method seen, Method m, Class<? extends Annotation> a) throws DeploymentException {
        if (seen != null) {
            throw new DeploymentException(m.getDeclaringClass().getName() + " has more than one @"
                    + a.getSimpleName() + " method");
        }
        return m;
    }

    /** A lifecycle method: Session, the one extra type it may take, and path parameters. */
    private static Callback lifecycle(Method m, Class<?> extra, boolean extraRequired) throws DeploymentException {
        Parameter[] ps = m.getParameters();
        Arg[] args = new Arg[ps.length];
        boolean sawExtra = false;
        for (int i = 0; i < ps.length; i++) {
            Parameter p = ps[i];
            Class<?> t = p.getType();
            if (p.isAnnotationPresent(PathParam.class)) {
                args[i] = pathParam(m, p);
            } else if (t == Session.class) {
                args[i] = Call::session;
            } else if (t == extra && !sawExtra) {
                sawExtra = true;
                args[i] = extra == EndpointConfig.class ? Call::config
                        : extra == CloseReason.class ? Call::reason : Call::error;
            } else {
                throw new DeploymentException(describe(m) + " may not take a parameter of type " + t.getName());
            }
        }
        if (extraRequired && !sawExtra) {
            throw new DeploymentException(describe(m) + " must take a " + extra.getSimpleName());
        }
        return new Callback(m, args);
    }

    private static MessageMethod message(Method m, List<Class<? extends Decoder>> decoders)
            throws DeploymentException {
        Parameter[] ps = m.getParameters();
        Arg[] args = new Arg[ps.length];
        Class<?> messageType = null;
        int messageIndex = -1;
        boolean partial = false;
        for (int i = 0; i < ps.length; i++) {
            Parameter p = ps[i];
            Class<?> t = p.getType();
            if (p.isAnnotationPresent(PathParam.class)) {
                args[i] = pathParam(m, p);
            } else if (t == Session.class) {
                args[i] = Call::session;
            } else if (messageType == null) {
                messageType = t;
                messageIndex = i;
                args[i] = Call::message;
            } else if ((t == boolean.class || t == Boolean.class) && !partial && takesParts(messageType)) {
                partial = true;
                args[i] = Call::last;
            } else {
                throw new DeploymentException(describe(m) + " has more than one message parameter");
            }
        }
        if (messageType == null) {
            throw new DeploymentException(describe(m) + " has no message parameter");
        }
        MessageHandlers.Kind kind;
        try {
            kind = MessageHandlers.kindOf(messageType, partial, decoders);
        } catch (IllegalStateException e) {
            throw new DeploymentException(describe(m) + ", parameter " + messageIndex + ": " + e.getMessage());
        }
        long max = m.getAnnotation(OnMessage.class).maxMessageSize();
        return new MessageMethod(m, args, messageType, kind, partial, max);
    }

    private static boolean takesParts(Class<?> type) {
        return type == String.class || type == ByteBuffer.class || type == byte[].class;
    }

    private static Arg pathParam(Method m, Parameter p) throws DeploymentException {
        String name = p.getAnnotation(PathParam.class).value();
        Class<?> t = p.getType();
        if (t != String.class && !Types.isPrimitiveLike(t)) {
            throw new DeploymentException(describe(m) + ": @PathParam(\"" + name + "\") must be a String or a"
                    + " primitive or its box, not " + t.getName());
        }
        return call -> {
            String value = call.session().getPathParameters().get(name);
            if (value == null || t == String.class) {
                if (value == null && t.isPrimitive()) {
                    throw new DecodeException((String) null, "no path parameter " + name);
                }
                return value;
            }
            try {
                return Types.fromText(value, t);
            } catch (IllegalArgumentException e) {
                throw new DecodeException(value, "path parameter " + name + " is not a " + t.getName(), e);
            }
        };
    }

    private static String describe(Method m) {
        return m.getDeclaringClass().getName() + "." + m.getName();
    }
}
