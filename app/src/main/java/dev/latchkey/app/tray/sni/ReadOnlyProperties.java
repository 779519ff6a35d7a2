package dev.latchkey.app.tray.sni;

import java.util.Map;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/**
 * {@code org.freedesktop.DBus.Properties} for an exported object whose properties are all
 * read-only: {@code Get} answers from {@link #GetAll}, {@code Set} changes nothing. An abstract
 * class, not an interface, so dbus-java sees no extra D-Bus interface on the object.
 */
abstract class ReadOnlyProperties implements Properties {

    @Override
    @SuppressWarnings("unchecked")
    public final <A> A Get(String iface, String property) {
        return (A) GetAll(iface).get(property);
    }

    @Override
    public final <A> void Set(String iface, String property, A value) {
        // Read-only: hosts only read what the app shows.
    }

    @Override
    public abstract Map<String, Variant<?>> GetAll(String iface);
}
