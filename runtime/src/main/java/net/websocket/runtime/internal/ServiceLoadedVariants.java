package net.websocket.runtime.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

import net.websocket.api.spi.ProtocolVariant;
import net.websocket.runtime.VariantSource;

/** The variants {@link ServiceLoader} finds, loaded once (see {@link VariantSource#serviceLoader()}). */
public final class ServiceLoadedVariants implements VariantSource {
    public static final ServiceLoadedVariants INSTANCE = new ServiceLoadedVariants();

    private volatile List<ProtocolVariant> variants;

    private ServiceLoadedVariants() {
    }

    @Override
    public List<ProtocolVariant> variants() {
        List<ProtocolVariant> v = variants;
        if (v == null) {
            synchronized (this) {
                v = variants;
                if (v == null) {
                    v = load();
                    variants = v;
                }
            }
        }
        return v;
    }

    private static List<ProtocolVariant> load() {
        Map<String, ProtocolVariant> found = new LinkedHashMap<>();
        Module module = ServiceLoadedVariants.class.getModule();
        if (module.isNamed() && module.getLayer() != null) {
            for (ProtocolVariant p : ServiceLoader.load(module.getLayer(), ProtocolVariant.class)) {
                found.putIfAbsent(p.getClass().getName(), p);
            }
        }
        ClassLoader loader = ServiceLoadedVariants.class.getClassLoader();
        for (ProtocolVariant p : ServiceLoader.load(ProtocolVariant.class, loader)) {
            found.putIfAbsent(p.getClass().getName(), p);
        }
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null && context != loader) {
            for (ProtocolVariant p : ServiceLoader.load(ProtocolVariant.class, context)) {
                found.putIfAbsent(p.getClass().getName(), p);
            }
        }
        List<ProtocolVariant> list = new ArrayList<>(found.values());
        list.sort(Comparator.comparingInt(ServiceLoadedVariants::highestVersion).reversed()
                .thenComparing(ProtocolVariant::name));
        return List.copyOf(list);
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
