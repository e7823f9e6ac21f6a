package net.websocket.runtime.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.function.Supplier;

import net.websocket.api.spi.ExtensionFactory;

/**
 * The extension factories {@link ServiceLoader} finds, loaded once: providers in named modules of this module's
 * layer and its parents, and providers on the class path (and the context class loader's). One per extension name
 * (the first found by class name order wins); ordered by name.
 */
public final class ServiceLoadedExtensions implements Supplier<List<ExtensionFactory>> {
    public static final ServiceLoadedExtensions INSTANCE = new ServiceLoadedExtensions();

    private volatile List<ExtensionFactory> factories;

    private ServiceLoadedExtensions() {
    }

    @Override
    public List<ExtensionFactory> get() {
        List<ExtensionFactory> f = factories;
        if (f == null) {
            synchronized (this) {
                f = factories;
                if (f == null) {
                    f = load();
                    factories = f;
                }
            }
        }
        return f;
    }

    private static List<ExtensionFactory> load() {
        Map<String, ExtensionFactory> found = new LinkedHashMap<>();
        Module module = ServiceLoadedExtensions.class.getModule();
        if (module.isNamed() && module.getLayer() != null) {
            for (ExtensionFactory f : ServiceLoader.load(module.getLayer(), ExtensionFactory.class)) {
                found.putIfAbsent(f.getClass().getName(), f);
            }
        }
        ClassLoader loader = ServiceLoadedExtensions.class.getClassLoader();
        for (ExtensionFactory f : ServiceLoader.load(ExtensionFactory.class, loader)) {
            found.putIfAbsent(f.getClass().getName(), f);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != loader) {
            for (ExtensionFactory f : ServiceLoader.load(ExtensionFactory.class, context)) {
                found.putIfAbsent(f.getClass().getName(), f);
            }
        }
        List<ExtensionFactory> byClass = new ArrayList<>(found.values());
        byClass.sort(Comparator.comparing(f -> f.getClass().getName()));
        Map<String, ExtensionFactory> byName = new LinkedHashMap<>();
        for (ExtensionFactory f : byClass) {
            byName.putIfAbsent(f.name(), f);
        }
        List<ExtensionFactory> list = new ArrayList<>(byName.values());
        list.sort(Comparator.comparing(ExtensionFactory::name));
        return List.copyOf(list);
    }
}
