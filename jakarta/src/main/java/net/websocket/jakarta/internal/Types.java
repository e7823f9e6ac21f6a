package net.websocket.jakarta.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Map;

/**
 * The type argument a class gives a generic interface such as {@code MessageHandler.Whole<T>} or
 * {@code Decoder.Text<T>}, found through its superclasses and superinterfaces, and the built-in conversions of
 * Java primitives and their boxes from text (Jakarta WebSocket 2.1, section 4.7: such parameters of
 * {@code @OnMessage} and of {@code @PathParam}).
 */
final class Types {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(boolean.class, Boolean.class, char.class,
            Character.class, byte.class, Byte.class, short.class, Short.class, int.class, Integer.class, long.class,
            Long.class, float.class, Float.class, double.class, Double.class);

    private Types() {
    }

    /**
     * {@return the class {@code impl} binds the first type parameter of {@code generic} to, or {@code null} if it
     * cannot be told (a raw type or an unbound variable)}
     *
     * @param impl    the implementing class
     * @param generic the generic interface or class
     */
    static Class<?> argument(Class<?> impl, Class<?> generic) {
        return resolve(impl, generic, Map.of());
    }

    private static Class<?> resolve(Type type, Class<?> generic, Map<TypeVariable<?>, Type> bound) {
        Class<?> raw;
        Map<TypeVariable<?>, Type> here = new java.util.HashMap<>(bound);
        if (type instanceof ParameterizedType p) {
            raw = (Class<?>) p.getRawType();
            TypeVariable<?>[] vars = raw.getTypeParameters();
            Type[] args = p.getActualTypeArguments();
            for (int i = 0; i < vars.length; i++) {
                here.put(vars[i], args[i] instanceof TypeVariable<?> v && bound.containsKey(v) ? bound.get(v) : args[i]);
            }
            if (raw == generic) {
                return erase(here.get(vars[0]));
            }
        } else if (type instanceof Class<?> c) {
            raw = c;
            if (raw == generic) {
                return null;
            }
        } else {
            return null;
        }
        for (Type t : raw.getGenericInterfaces()) {
            Class<?> found = resolve(t, generic, here);
            if (found != null) {
                return found;
            }
        }
        Type sup = raw.getGenericSuperclass();
        return sup == null ? null : resolve(sup, generic, here);
    }

    private static Class<?> erase(Type t) {
        if (t instanceof Class<?> c) {
            return c;
        }
        if (t instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return null;
    }

    /** {@return the box of a primitive type, else the type itself} */
    static Class<?> boxed(Class<?> type) {
        return BOXES.getOrDefault(type, type);
    }

    /** {@return whether text converts to this type without a decoder: a primitive or its box} */
    static boolean isPrimitiveLike(Class<?> type) {
        return BOXES.containsKey(type) || BOXES.containsValue(type);
    }

    /**
     * Converts text to a primitive's box.
     *
     * @param text the text
     * @param type a primitive type or its box
     * @return the value
     * @throws IllegalArgumentException if the text is no such value
     */
    static Object fromText(String text, Class<?> type) {
        Class<?> b = boxed(type);
        if (b == Boolean.class) {
            return Boolean.parseBoolean(text);
        } else if (b == Character.class) {
            if (text.length() != 1) {
                throw new IllegalArgumentException("not one character: " + text);
            }
            return text.charAt(0);
        } else if (b == Byte.class) {
            return Byte.parseByte(text);
        } else if (b == Short.class) {
            return Short.parseShort(text);
        } else if (b == Integer.class) {
            return Integer.parseInt(text);
        } else if (b == Long.class) {
            return Long.parseLong(text);
        } else if (b == Float.class) {
            return Float.parseFloat(text);
        } else if (b == Double.class) {
            return Double.parseDouble(text);
        }
        throw new IllegalArgumentException("no conversion from text to " + type.getName());
    }
}
