package net.websocket.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import net.websocket.api.spi.ExtensionFactory;
import net.websocket.api.spi.ProtocolVariant;

/**
 * The providers of one service type that {@link ServiceLoader} finds, loaded once, on first use: providers in named
 * modules of this module's layer and its parents, then on the class path, then through the context class loader;
 * one instance per provider class, arranged by a rule of the type's own.
 *
 * @param <T> the service type
 */
final class ServiceLoaded<T> implements Supplier<List<T>> {

    /** The protocol variants, newest protocol first: by the highest version they speak, then by name. */
    static final ServiceLoaded<ProtocolVariant> VARIANTS = new ServiceLoaded<>(ProtocolVariant.class, found -> {
        List<ProtocolVariant> list = new ArrayList<>(found);
        list.sort(Comparator.comparingInt((ProtocolVariant v) -> highestVersion(v)).reversed()
                .thenComparing(ProtocolVariant::name));
        return list;
    });

    /** The extension factories, one per extension name (the first by class name wins), ordered by name. */
    static final ServiceLoaded<ExtensionFactory> EXTENSIONS = new ServiceLoaded<>(ExtensionFactory.class, found -> {
        List<ExtensionFactory> byClass = new ArrayList<>(found);
        byClass.sort(Comparator.comparing((ExtensionFactory f) -> f.getClass().getName()));
        Map<String, ExtensionFactory> byName = new LinkedHashMap<>();
        for (ExtensionFactory f : byClass) {
            byName.putIfAbsent(f.name(), f);
        }
        List<ExtensionFactory> list = new ArrayList<>(byName.values());
        list.sort(Comparator.comparing(ExtensionFactory::name));
        return list;
    });

    /** {@link #VARIANTS} as a variant source. */
    static final VariantSource VARIANT_SOURCE = VARIANTS::get;

    private final Class<T> type;
    private final UnaryOperator<List<T>> arrange;
    private volatile List<T> providers;

    private ServiceLoaded(Class<T> type, UnaryOperator<List<T>> arrange) {
        this.type = type;
        this.arrange = arrange;
    }

    @Override
    public List<T> get() {
        List<T> p = providers;
        if (p == null) {
            synchronized (this) {
                p = providers;
                if (p == null) {
                    p = List.copyOf(arrange.apply(load()));
                    providers = p;
                }
            }
        }
        return p;
    }

    /** One instance per provider class, in the order found. */
    private List<T> load() {
        Map<String, T> found = new LinkedHashMap<>();
        Module module = ServiceLoaded.class.getModule();
        if (module.isNamed() && module.getLayer() != null) {
            for (T t : ServiceLoader.load(module.getLayer(), type)) {
                found.putIfAbsent(t.getClass().getName(), t);
            }
        }
        ClassLoader loader = ServiceLoaded.class.getClassLoader();
        for (T t : ServiceLoader.load(type, loader)) {
            found.putIfAbsent(t.getClass().getName(), t);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != loader) {
            for (T t : ServiceLoader.load(type, context)) {
                found.putIfAbsent(t.getClass().getName(), t);
            }
        }
        return new ArrayList<>(found.values());
    }

    private static int highestVersion(ProtocolVariant p) {
        int best = -1;
        for (String s : p.versions()) {
            try {
                best = Math.max(best, Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                // not a number: does not count
            }
        }
        return best;
    }
}
