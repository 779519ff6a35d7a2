package dev.latchkey.core.internal.keychain;

import static dev.latchkey.core.internal.keychain.GLib.NULL;
import static dev.latchkey.core.internal.keychain.NativeFunction.call;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import dev.latchkey.core.internal.keychain.GLib.Cancellable;
import dev.latchkey.core.internal.keychain.GLib.Failure;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The few calls of libsecret (the Secret Service's reference client, present on every Linux
 * desktop) that Latchkey needs, through the JDK's foreign-function API. libsecret executes every
 * prompt the service returns, whatever its object path, and keeps one D-Bus connection per
 * process; it loads in a fraction of the time of a Java D-Bus stack.
 *
 * <p>Each method takes the {@link Cancellable} of the call it belongs to, so a wait on a prompt
 * can be ended from another thread. Errors come back as {@link Failure}; nothing here decides
 * what they mean.
 */
@SuppressWarnings("restricted")
final class Libsecret {

    /** The library's name on Linux; {@code latchkey.libsecret} overrides it (tests, diagnosis). */
    static final String DEFAULT_LIBRARY = "libsecret-1.so.0";

    private static final int OPEN_SESSION = 1 << 1;
    private static final FunctionDescriptor CALL4_P = FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final FunctionDescriptor CALL4_I = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS);
    private static final FunctionDescriptor NEW_FOR_PATH =
            FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS);

    private final GLib glib;
    private final NativeFunction serviceGet;
    private final NativeFunction serviceDisconnect;
    private final NativeFunction readAlias;
    private final NativeFunction collectionForPath;
    private final NativeFunction collectionLocked;
    private final NativeFunction search;
    private final NativeFunction unlock;
    private final NativeFunction getSecret;
    private final NativeFunction valueGet;
    private final NativeFunction valueNew;
    private final NativeFunction valueUnref;
    private final NativeFunction store;
    private final NativeFunction deleteItem;
    private final NativeFunction itemForPath;
    private final NativeFunction setSecret;
    private final NativeFunction lookup;

    private Libsecret(SymbolLookup lib) {
        glib = new GLib(lib);
        serviceGet = new NativeFunction(lib, "secret_service_get_sync", FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        serviceDisconnect = new NativeFunction(lib, "secret_service_disconnect", FunctionDescriptor.ofVoid());
        readAlias = new NativeFunction(lib, "secret_service_read_alias_dbus_path_sync", CALL4_P);
        collectionForPath = new NativeFunction(lib, "secret_collection_new_for_dbus_path_sync", NEW_FOR_PATH);
        collectionLocked = new NativeFunction(lib, "secret_collection_get_locked", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        search = new NativeFunction(lib, "secret_service_search_for_dbus_paths_sync",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        unlock = new NativeFunction(lib, "secret_service_unlock_dbus_paths_sync",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        getSecret = new NativeFunction(lib, "secret_service_get_secret_for_dbus_path_sync", CALL4_P);
        valueGet = new NativeFunction(lib, "secret_value_get", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        valueNew = new NativeFunction(lib, "secret_value_new", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        valueUnref = new NativeFunction(lib, "secret_value_unref", FunctionDescriptor.ofVoid(ADDRESS));
        store = new NativeFunction(lib, "secret_service_store_sync",
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        deleteItem = new NativeFunction(lib, "secret_service_delete_item_dbus_path_sync", CALL4_I);
        itemForPath = new NativeFunction(lib, "secret_item_new_for_dbus_path_sync", NEW_FOR_PATH);
        setSecret = new NativeFunction(lib, "secret_item_set_secret_sync", CALL4_I);
        lookup = new NativeFunction(lib, "secret_service_lookup_sync",
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    }

    /**
     * Loads {@code library} (a file name the dynamic linker resolves) and finds its calls; empty
     * when the library or any call is missing, so the caller falls back to another keychain path.
     */
    static Optional<Libsecret> load(String library) {
        try {
            // glib, gobject and gio come with libsecret: a lookup in it finds their symbols too.
            return Optional.of(new Libsecret(SymbolLookup.libraryLookup(library, Arena.global())));
        } catch (IllegalArgumentException | NoSuchElementException | UnsupportedOperationException
                 | IllegalCallerException e) {
            return Optional.empty();
        }
    }

    GLib glib() {
        return glib;
    }

    /** The default Secret Service with an open session; owned by the caller (see {@link GLib#unref}). */
    MemorySegment service(Cancellable c) throws Failure {
        return glib.withError((a, err) -> (MemorySegment) serviceGet.handle().invokeExact(OPEN_SESSION, c.handle, err));
    }

    /** Forgets the shared connection, so the next {@link #service} reaches whoever answers now. */
    void disconnect() {
        NativeFunction.invoke(() -> {
            serviceDisconnect.handle().invokeExact();
        });
    }

    /** The object path the alias (such as {@code default}) points at, or empty when there is none. */
    Optional<String> alias(MemorySegment service, String alias, Cancellable c) throws Failure {
        String path = glib.withError((a, err) -> glib.takeString(
                (MemorySegment) readAlias.handle().invokeExact(service, a.allocateFrom(alias), c.handle, err)));
        return Optional.ofNullable(path).filter(p -> !p.equals("/"));
    }

    /** Whether the collection at {@code path} is locked. */
    boolean collectionLocked(MemorySegment service, String path, Cancellable c) throws Failure {
        MemorySegment collection = glib.withError((a, err) ->
                (MemorySegment) collectionForPath.handle().invokeExact(service, a.allocateFrom(path), 0, c.handle, err));
        try {
            return call(() -> (int) collectionLocked.handle().invokeExact(collection)) != 0;
        } finally {
            glib.unref(collection);
        }
    }

    /** The items whose attributes include all of {@code attributes}: unlocked ones, then locked ones. */
    List<List<String>> search(MemorySegment service, Map<String, String> attributes, Cancellable c) throws Failure {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment table = glib.table(a, attributes);
            MemorySegment unlocked = a.allocate(ADDRESS);
            MemorySegment locked = a.allocate(ADDRESS);
            try {
                glib.withError(a, (x, err) ->
                        (int) search.handle().invokeExact(service, NULL, table, c.handle, unlocked, locked, err));
                return List.of(glib.takeStrings(unlocked.get(ADDRESS, 0)), glib.takeStrings(locked.get(ADDRESS, 0)));
            } finally {
                glib.unrefTable(table);
            }
        }
    }

    /** Unlocks {@code paths}, executing the service's prompt; the paths now unlocked (none when dismissed). */
    List<String> unlock(MemorySegment service, List<String> paths, Cancellable c) throws Failure {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment array = a.allocate(ADDRESS, paths.size() + 1L);
            for (int i = 0; i < paths.size(); i++) {
                array.setAtIndex(ADDRESS, i, a.allocateFrom(paths.get(i)));
            }
            array.setAtIndex(ADDRESS, paths.size(), NULL);
            MemorySegment unlocked = a.allocate(ADDRESS);
            glib.withError(a, (x, err) -> (int) unlock.handle().invokeExact(service, array, c.handle, unlocked, err));
            return glib.takeStrings(unlocked.get(ADDRESS, 0));
        }
    }

    /** The secret of the item at {@code path}, or empty when the item is gone. */
    Optional<byte[]> secret(MemorySegment service, String path, Cancellable c) throws Failure {
        MemorySegment value = glib.withError((a, err) ->
                (MemorySegment) getSecret.handle().invokeExact(service, a.allocateFrom(path), c.handle, err));
        return take(value);
    }

    /**
     * The secret of the first item whose attributes include all of {@code attributes}, in one
     * call: libsecret searches, unlocks a locked item (executing the service's prompt) and reads
     * it. Empty when there is none.
     */
    Optional<byte[]> lookup(MemorySegment service, Map<String, String> attributes, Cancellable c) throws Failure {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment table = glib.table(a, attributes);
            try {
                return take(glib.withError(a, (x, err) ->
                        (MemorySegment) lookup.handle().invokeExact(service, NULL, table, c.handle, err)));
            } finally {
                glib.unrefTable(table);
            }
        }
    }

    /**
     * Binds every function of libsecret and GLib that a store's calls make (connect, search, read,
     * write, unlock, remove), without calling any: for an ahead-of-time training run.
     */
    void bindAll() {
        for (NativeFunction f : new NativeFunction[] {serviceGet, serviceDisconnect, readAlias, collectionForPath,
            collectionLocked, search, unlock, getSecret, valueGet, valueNew, valueUnref, store, deleteItem, itemForPath,
            setSecret, lookup}) {
            f.handle();
        }
        glib.bindAll();
    }

    /** Binds the calls {@link #service} and {@link #lookup} make, without making them. */
    void bindLookup() {
        for (NativeFunction f : new NativeFunction[] {serviceGet, lookup, valueGet, valueUnref}) {
            f.handle();
        }
        glib.bindBasics();
    }

    /** The bytes of a SecretValue, which is released; empty for NULL. */
    private Optional<byte[]> take(MemorySegment value) {
        if (value.equals(NULL)) {
            return Optional.empty();
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment length = a.allocate(JAVA_LONG);
            MemorySegment bytes = call(() -> (MemorySegment) valueGet.handle().invokeExact(value, length));
            return Optional.of(bytes.reinterpret(length.get(JAVA_LONG, 0)).toArray(JAVA_BYTE));
        } finally {
            valueUnref.apply(value);
        }
    }

    /**
     * Creates an item with exactly {@code attributes} in the default collection (created when
     * missing), or replaces the one that has them, in one D-Bus call (CreateItem with replace).
     */
    void store(MemorySegment service, Map<String, String> attributes, String label, byte[] secret, Cancellable c)
            throws Failure {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment value = value(a, secret);
            MemorySegment table = glib.table(a, attributes);
            try {
                glib.withError(a, (x, err) -> (int) store.handle().invokeExact(service, NULL, table, NULL,
                        a.allocateFrom(label), value, c.handle, err));
            } finally {
                valueUnref.apply(value);
                glib.unrefTable(table);
            }
        }
    }

    /** Replaces the secret of the item at {@code path} in one D-Bus call (SetSecret); its attributes stay. */
    void setSecret(MemorySegment service, String path, byte[] secret, Cancellable c) throws Failure {
        MemorySegment item = glib.withError((a, err) ->
                (MemorySegment) itemForPath.handle().invokeExact(service, a.allocateFrom(path), 0, c.handle, err));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment value = value(a, secret);
            try {
                glib.withError(a, (x, err) -> (int) setSecret.handle().invokeExact(item, value, c.handle, err));
            } finally {
                valueUnref.apply(value);
            }
        } finally {
            glib.unref(item);
        }
    }

    /** Deletes the item at {@code path}, executing the service's prompt; false when the prompt was dismissed. */
    boolean delete(MemorySegment service, String path, Cancellable c) throws Failure {
        return glib.withError((a, err) ->
                (int) deleteItem.handle().invokeExact(service, a.allocateFrom(path), c.handle, err)) != 0;
    }

    /** A SecretValue holding a copy of {@code secret}; the caller unrefs it. */
    private MemorySegment value(Arena a, byte[] secret) {
        MemorySegment bytes = a.allocate(Math.max(1, secret.length));
        MemorySegment.copy(secret, 0, bytes, JAVA_BYTE, 0, secret.length);
        MemorySegment value = call(() -> (MemorySegment) valueNew.handle().invokeExact(bytes, (long) secret.length,
                a.allocateFrom("text/plain")));
        bytes.fill((byte) 0); // libsecret keeps its own copy, in memory it locks and wipes
        return value;
    }
}
