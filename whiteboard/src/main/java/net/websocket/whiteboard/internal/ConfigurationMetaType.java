package net.websocket.whiteboard.internal;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeProvider;
import org.osgi.service.metatype.ObjectClassDefinition;

import net.websocket.api.ConnectionSetting;
import net.websocket.api.ConnectionSettings;
import net.websocket.whiteboard.WhiteboardConfiguration;

/**
 * Describes the server and client configurations to the OSGi Metatype service (and so to consoles): the attributes
 * of the server or client itself, then one per connection setting, made from {@link ConnectionSettings#SETTINGS}
 * so that a setting's name, type, default and rule are stated only there. Defaults are those of
 * {@code ServerOptions.defaults()} and {@code ClientOptions.defaults()}; times are in milliseconds.
 */
@Component(service = MetaTypeProvider.class, property = {
    MetaTypeProvider.METATYPE_FACTORY_PID + "=" + WhiteboardConfiguration.SERVER_FACTORY_PID,
    MetaTypeProvider.METATYPE_PID + "=" + WhiteboardConfiguration.CLIENT_PID})
public final class ConfigurationMetaType implements MetaTypeProvider {

    @Override
    public ObjectClassDefinition getObjectClassDefinition(String id, String locale) {
        if (WhiteboardConfiguration.SERVER_FACTORY_PID.equals(id)) {
            return new Definition(id, "WebSocket server", "A WebSocket server. Every configuration starts one; "
                    + "endpoints come from the whiteboard (Handler and Listener services with websocket.path).",
                    ConfigKeys.server());
        }
        if (WhiteboardConfiguration.CLIENT_PID.equals(id)) {
            return new Definition(id, "WebSocket client", "The limits, timeouts and policies of the WebSocket "
                    + "client service.", ConfigKeys.client());
        }
        throw new IllegalArgumentException("no object class definition " + id);
    }

    @Override
    public String[] getLocales() {
        return null;
    }

    /** One configuration's description: its own attributes, then the connection settings. */
    private record Definition(String id, String name, String description, List<AttributeDefinition> own)
            implements ObjectClassDefinition {

        @Override
        public String getName() {
            return name;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            if (filter == OPTIONAL) {
                return new AttributeDefinition[0]; // every attribute has a default: all are required
            }
            List<AttributeDefinition> all = new ArrayList<>(own);
            for (ConnectionSetting<?> s : ConnectionSettings.SETTINGS) {
                all.add(ConfigKeys.setting(s));
            }
            return all.toArray(new AttributeDefinition[0]);
        }

        @Override
        public InputStream getIcon(int size) {
            return null;
        }
    }
}
