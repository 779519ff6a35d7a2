package dev.latchkey.core.keychain;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The few calls of libsecret (the Secret Service's reference client, present on every Linux
 * desktop) that Latchkey needs, through the JDK's foreign-function API. libsecret executes every
 * prompt the service returns, whatever its object path, and keeps one D-Bus connection per
 * process; it loads in a fraction of the time of a Java D-Bus stack.
 *
 * <p>Each method takes the {@link Cancellable} of the call it belongs to, so a wait on a prompt
 * can be ended from another thread. Errors come back as {@link GError}; nothing here decides
 * what they mean.
 *
 * <p>Binding C functions is a restricted operation; every launcher of Latchkey enables native
 * access (the jars' manifests, jpackage's options, the tests' JVMs), so it runs without a warning.
 */
@SuppressWarnings("restricted")
final class Libsecret {

    /** The library's name on Linux; {@code latchkey.libsecret} overrides it (tests, diagnosis). */
    static final String DEFAULT_LIBRARY = "libsecret-1.so.0";

    private static final int OPEN_SESSION = 1 << 1;
    private static final MemorySegment NULL = MemorySegment.NULL;

    private final MethodHandle hashTableNew;
    private final MethodHandle hashTableInsert;
    private final MethodHandle hashTableUnref;
    private final MemorySegment strHash;
    private final MemorySegment strEqual;
    private final MethodHandle free;
    private final MethodHandle strfreev;
    private final MethodHandle errorFree;
    private final MethodHandle quarkToString;
    private final MethodHandle objectUnref;
    private final MethodHandle cancellableNew;
    private final MethodHandle cancellableCancel;
    private final MethodHandle serviceGet;
    private final MethodHandle serviceDisconnect;
    private final MethodHandle readAlias;
    private final MethodHandle collectionForPath;
    private final MethodHandle collectionLocked;
    private final MethodHandle search;
    private final MethodHandle unlock;
    private final MethodHandle getSecret;
    private final MethodHandle valueGet;
    private final MethodHandle valueNew;
    private final MethodHandle valueUnref;
    private final MethodHandle store;
    private final MethodHandle deleteItem;
    private final MethodHandle itemForPath;
    private final MethodHandle setSecret;
    private final MethodHandle nameOwner;
    private final MethodHandle proxyConnection;
    private final MethodHandle variantString;
    private final MethodHandle variantTuple;
    private final MethodHandle busCall;
    private final MethodHandle variantChild;
    private final MethodHandle variantUint32;
    private final MethodHandle variantUnref;
    private final MethodHandle variantGetString;

    private Libsecret(SymbolLookup lib) {
        Linker c = Linker.nativeLinker();
        FunctionDescriptor pP = FunctionDescriptor.of(ADDRESS, ADDRESS);
        FunctionDescriptor vP = FunctionDescriptor.ofVoid(ADDRESS);
        hashTableNew = c.downcallHandle(lib.findOrThrow("g_hash_table_new"), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        hashTableInsert = c.downcallHandle(lib.findOrThrow("g_hash_table_insert"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        hashTableUnref = c.downcallHandle(lib.findOrThrow("g_hash_table_unref"), vP);
        strHash = lib.findOrThrow("g_str_hash");
        strEqual = lib.findOrThrow("g_str_equal");
        free = c.downcallHandle(lib.findOrThrow("g_free"), vP);
        strfreev = c.downcallHandle(lib.findOrThrow("g_strfreev"), vP);
        errorFree = c.downcallHandle(lib.findOrThrow("g_error_free"), vP);
        quarkToString = c.downcallHandle(lib.findOrThrow("g_quark_to_string"), FunctionDescriptor.of(ADDRESS, JAVA_INT));
        objectUnref = c.downcallHandle(lib.findOrThrow("g_object_unref"), vP);
        cancellableNew = c.downcallHandle(lib.findOrThrow("g_cancellable_new"), FunctionDescriptor.of(ADDRESS));
        cancellableCancel = c.downcallHandle(lib.findOrThrow("g_cancellable_cancel"), vP);
        serviceGet = c.downcallHandle(lib.findOrThrow("secret_service_get_sync"),
                FunctionDescriptor.of(ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        serviceDisconnect = c.downcallHandle(lib.findOrThrow("secret_service_disconnect"), FunctionDescriptor.ofVoid());
        readAlias = c.downcallHandle(lib.findOrThrow("secret_service_read_alias_dbus_path_sync"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        collectionForPath = c.downcallHandle(lib.findOrThrow("secret_collection_new_for_dbus_path_sync"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        collectionLocked = c.downcallHandle(lib.findOrThrow("secret_collection_get_locked"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        search = c.downcallHandle(lib.findOrThrow("secret_service_search_for_dbus_paths_sync"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        unlock = c.downcallHandle(lib.findOrThrow("secret_service_unlock_dbus_paths_sync"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        getSecret = c.downcallHandle(lib.findOrThrow("secret_service_get_secret_for_dbus_path_sync"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        valueGet = c.downcallHandle(lib.findOrThrow("secret_value_get"), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        valueNew = c.downcallHandle(lib.findOrThrow("secret_value_new"), FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));
        valueUnref = c.downcallHandle(lib.findOrThrow("secret_value_unref"), vP);
        store = c.downcallHandle(lib.findOrThrow("secret_service_store_sync"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        deleteItem = c.downcallHandle(lib.findOrThrow("secret_service_delete_item_dbus_path_sync"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        itemForPath = c.downcallHandle(lib.findOrThrow("secret_item_new_for_dbus_path_sync"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS, JAVA_INT, ADDRESS, ADDRESS));
        setSecret = c.downcallHandle(lib.findOrThrow("secret_item_set_secret_sync"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        nameOwner = c.downcallHandle(lib.findOrThrow("g_dbus_proxy_get_name_owner"), pP);
        proxyConnection = c.downcallHandle(lib.findOrThrow("g_dbus_proxy_get_connection"), pP);
        variantString = c.downcallHandle(lib.findOrThrow("g_variant_new_string"), pP);
        variantTuple = c.downcallHandle(lib.findOrThrow("g_variant_new_tuple"), FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
        busCall = c.downcallHandle(lib.findOrThrow("g_dbus_connection_call_sync"), FunctionDescriptor.of(ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        variantChild = c.downcallHandle(lib.findOrThrow("g_variant_get_child_value"),
                FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
        variantUint32 = c.downcallHandle(lib.findOrThrow("g_variant_get_uint32"), FunctionDescriptor.of(JAVA_INT, ADDRESS));
        variantUnref = c.downcallHandle(lib.findOrThrow("g_variant_unref"), vP);
        variantGetString = c.downcallHandle(lib.findOrThrow("g_variant_get_string"), FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
    }

    /**
     * Loads {@code library} (a file name the dynamic linker resolves) and binds the calls; empty
     * when the library or any call is missing, so the caller falls back to another keychain path.
     */
    static Optional<Libsecret> load(String library) {
        try {
            // glib, gobject and gio come with libsecret; its lookup finds their symbols too.
            SymbolLookup lib = SymbolLookup.libraryLookup(library, Arena.global())
                    .or(SymbolLookup.libraryLookup("libgio-2.0.so.0", Arena.global()))
                    .or(SymbolLookup.libraryLookup("libgobject-2.0.so.0", Arena.global()))
                    .or(SymbolLookup.libraryLookup("libglib-2.0.so.0", Arena.global()));
            return Optional.of(new Libsecret(lib));
        } catch (IllegalArgumentException | java.util.NoSuchElementException | UnsupportedOperationException
                 | IllegalCallerException e) {
            return Optional.empty();
        }
    }

    /** An error a call reported: GLib's domain name (such as {@code g-dbus-error-quark}), code and message. */
    record GError(String domain, int code, String message) {
        boolean is(String errorDomain, int errorCode) {
            return domain.equals(errorDomain) && code == errorCode;
        }
    }

    /** A call failed with {@code error}. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        private final transient GError error;

        Failure(GError error) {
            super(error.message());
            this.error = error;
        }

        GError error() {
            return error;
        }
    }

    /** A GCancellable: {@link #cancel()} may be called from any thread until {@link #close()}. */
    final class Cancellable implements AutoCloseable {
        private final MemorySegment handle;
        private boolean closed;

        private Cancellable() throws Throwable {
            handle = (MemorySegment) cancellableNew.invokeExact();
        }

        synchronized void cancel() {
            if (!closed) {
                apply(cancellableCancel, handle);
            }
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                unref(handle);
            }
        }
    }

    Cancellable cancellable() {
        return call(Cancellable::new);
    }

    /** The default Secret Service with an open session; owned by the caller (see {@link #unref}). */
    MemorySegment service(Cancellable c) throws Failure {
        return withError((a, err) -> (MemorySegment) serviceGet.invokeExact(OPEN_SESSION, c.handle, err));
    }

    /** Forgets the shared connection, so the next {@link #service} reaches whoever answers now. */
    void disconnect() {
        invoke(() -> {
            serviceDisconnect.invokeExact();
        });
    }

    /** The unique bus name of the program that answered as {@code service} when it was opened. */
    Optional<String> owner(MemorySegment service) {
        return Optional.ofNullable(call(() -> takeString((MemorySegment) nameOwner.invokeExact(service))));
    }

    /**
     * The unique bus name of whoever answers as the Secret Service now, asked of the bus itself
     * (any thread may ask, even while another waits on a prompt); empty when nobody does.
     */
    Optional<String> currentOwner(MemorySegment service) {
        try {
            return Optional.of(busString(service, "GetNameOwner", "org.freedesktop.secrets", NULL));
        } catch (Failure noOwner) {
            return Optional.empty();
        }
    }

    /** The process id of the program answering as {@code service}, as the bus daemon knows it. */
    Optional<Integer> ownerPid(MemorySegment service, Cancellable c) throws Failure {
        Optional<String> owner = owner(service);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        MemorySegment reply = busCall(service, "GetConnectionUnixProcessID", owner.get(), c.handle);
        try {
            MemorySegment pid = call(() -> (MemorySegment) variantChild.invokeExact(reply, 0L));
            try {
                return Optional.of(call(() -> (int) variantUint32.invokeExact(pid)));
            } finally {
                apply(variantUnref, pid);
            }
        } finally {
            apply(variantUnref, reply);
        }
    }

    /** Calls a method of the bus daemon that takes one string; its reply, which the caller unrefs. */
    private MemorySegment busCall(MemorySegment service, String method, String argument, MemorySegment cancellable)
            throws Failure {
        MemorySegment connection = call(() -> (MemorySegment) proxyConnection.invokeExact(service));
        return withError((a, err) -> {
            MemorySegment children = a.allocate(ADDRESS);
            children.set(ADDRESS, 0, (MemorySegment) variantString.invokeExact(a.allocateFrom(argument)));
            MemorySegment args = (MemorySegment) variantTuple.invokeExact(children, 1L);
            return (MemorySegment) busCall.invokeExact(connection, a.allocateFrom("org.freedesktop.DBus"),
                    a.allocateFrom("/org/freedesktop/DBus"), a.allocateFrom("org.freedesktop.DBus"),
                    a.allocateFrom(method), args, NULL, 0, 2000, cancellable, err);
        });
    }

    /** The same, for a method whose reply is one string. */
    private String busString(MemorySegment service, String method, String argument, MemorySegment cancellable)
            throws Failure {
        MemorySegment reply = busCall(service, method, argument, cancellable);
        try {
            MemorySegment child = call(() -> (MemorySegment) variantChild.invokeExact(reply, 0L));
            try {
                return cString(call(() -> (MemorySegment) variantGetString.invokeExact(child, NULL)));
            } finally {
                apply(variantUnref, child);
            }
        } finally {
            apply(variantUnref, reply);
        }
    }

    /** The object path the alias (such as {@code default}) points at, or empty when there is none. */
    Optional<String> alias(MemorySegment service, String alias, Cancellable c) throws Failure {
        String path = withError((a, err) -> takeString(
                (MemorySegment) readAlias.invokeExact(service, a.allocateFrom(alias), c.handle, err)));
        return Optional.ofNullable(path).filter(p -> !p.equals("/"));
    }

    /** Whether the collection at {@code path} is locked. */
    boolean collectionLocked(MemorySegment service, String path, Cancellable c) throws Failure {
        MemorySegment collection = withError((a, err) ->
                (MemorySegment) collectionForPath.invokeExact(service, a.allocateFrom(path), 0, c.handle, err));
        try {
            return call(() -> (int) collectionLocked.invokeExact(collection)) != 0;
        } finally {
            unref(collection);
        }
    }

    /** The items whose attributes include all of {@code attributes}: unlocked ones, then locked ones. */
    List<List<String>> search(MemorySegment service, Map<String, String> attributes, Cancellable c) throws Failure {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment table = table(a, attributes);
            MemorySegment unlocked = a.allocate(ADDRESS);
            MemorySegment locked = a.allocate(ADDRESS);
            try {
                withError(a, (x, err) -> (int) search.invokeExact(service, NULL, table, c.handle, unlocked, locked, err));
                return List.of(takeStrings(unlocked.get(ADDRESS, 0)), takeStrings(locked.get(ADDRESS, 0)));
            } finally {
                apply(hashTableUnref, table);
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
            withError(a, (x, err) -> (int) unlock.invokeExact(service, array, c.handle, unlocked, err));
            return takeStrings(unlocked.get(ADDRESS, 0));
        }
    }

    /** The secret of the item at {@code path}, or empty when the item is gone. */
    Optional<byte[]> secret(MemorySegment service, String path, Cancellable c) throws Failure {
        MemorySegment value = withError((a, err) ->
                (MemorySegment) getSecret.invokeExact(service, a.allocateFrom(path), c.handle, err));
        if (value.equals(NULL)) {
            return Optional.empty();
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment length = a.allocate(JAVA_LONG);
            MemorySegment bytes = call(() -> (MemorySegment) valueGet.invokeExact(value, length));
            long n = length.get(JAVA_LONG, 0);
            return Optional.of(bytes.reinterpret(n).toArray(JAVA_BYTE));
        } finally {
            apply(valueUnref, value);
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
            MemorySegment table = table(a, attributes);
            try {
                withError(a, (x, err) -> (int) store.invokeExact(service, NULL, table, NULL, a.allocateFrom(label),
                        value, c.handle, err));
            } finally {
                apply(valueUnref, value);
                apply(hashTableUnref, table);
            }
        }
    }

    /** Replaces the secret of the item at {@code path} in one D-Bus call (SetSecret); its attributes stay. */
    void setSecret(MemorySegment service, String path, byte[] secret, Cancellable c) throws Failure {
        MemorySegment item = withError((a, err) ->
                (MemorySegment) itemForPath.invokeExact(service, a.allocateFrom(path), 0, c.handle, err));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment value = value(a, secret);
            try {
                withError(a, (x, err) -> (int) setSecret.invokeExact(item, value, c.handle, err));
            } finally {
                apply(valueUnref, value);
            }
        } finally {
            unref(item);
        }
    }

    /** A SecretValue holding a copy of {@code secret}; the caller unrefs it. */
    private MemorySegment value(Arena a, byte[] secret) {
        MemorySegment bytes = a.allocate(Math.max(1, secret.length));
        MemorySegment.copy(secret, 0, bytes, JAVA_BYTE, 0, secret.length);
        MemorySegment value = call(() -> (MemorySegment) valueNew.invokeExact(bytes, (long) secret.length,
                a.allocateFrom("text/plain")));
        bytes.fill((byte) 0); // libsecret keeps its own copy, in memory it locks and wipes
        return value;
    }

    /** Deletes the item at {@code path}, executing the service's prompt; false when the prompt was dismissed. */
    boolean delete(MemorySegment service, String path, Cancellable c) throws Failure {
        return withError((a, err) -> (int) deleteItem.invokeExact(service, a.allocateFrom(path), c.handle, err)) != 0;
    }

    void unref(MemorySegment object) {
        if (!object.equals(NULL)) {
            apply(objectUnref, object);
        }
    }

    private MemorySegment table(Arena a, Map<String, String> attributes) {
        MemorySegment table = call(() -> (MemorySegment) hashTableNew.invokeExact(strHash, strEqual));
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            MemorySegment key = a.allocateFrom(e.getKey());
            MemorySegment value = a.allocateFrom(e.getValue());
            invoke(() -> {
                int ignored = (int) hashTableInsert.invokeExact(table, key, value);
            });
        }
        return table;
    }

    private interface NativeCall<T> {
        T call(Arena arena, MemorySegment error) throws Throwable;
    }

    private <T> T withError(NativeCall<T> body) throws Failure {
        try (Arena a = Arena.ofConfined()) {
            return withError(a, body);
        }
    }

    private <T> T withError(Arena a, NativeCall<T> body) throws Failure {
        MemorySegment error = a.allocate(ADDRESS);
        error.set(ADDRESS, 0, NULL);
        T result = call(() -> body.call(a, error));
        MemorySegment e = error.get(ADDRESS, 0);
        if (!e.equals(NULL)) {
            // struct GError { GQuark domain; gint code; gchar *message; }
            MemorySegment s = e.reinterpret(16);
            int quark = s.get(JAVA_INT, 0);
            int code = s.get(JAVA_INT, 4);
            String message = cString(s.get(ADDRESS, 8));
            String domain = cString(call(() -> (MemorySegment) quarkToString.invokeExact(quark)));
            apply(errorFree, e);
            throw new Failure(new GError(domain == null ? "" : domain, code, message == null ? "" : message));
        }
        return result;
    }

    private String takeString(MemorySegment s) {
        if (s.equals(NULL)) {
            return null;
        }
        String text = cString(s);
        apply(free, s);
        return text;
    }

    private List<String> takeStrings(MemorySegment array) {
        List<String> out = new ArrayList<>();
        if (array.equals(NULL)) {
            return out;
        }
        MemorySegment items = array.reinterpret(Long.MAX_VALUE);
        for (long i = 0; ; i++) {
            MemorySegment s = items.getAtIndex(ADDRESS, i);
            if (s.equals(NULL)) {
                break;
            }
            out.add(cString(s));
        }
        apply(strfreev, array);
        return out;
    }

    private static String cString(MemorySegment s) {
        return s.equals(NULL) ? null : s.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }

    private interface Body<T> {
        T run() throws Throwable;
    }

    private interface VoidBody {
        void run() throws Throwable;
    }

    // A downcall declares Throwable; the C functions bound here cannot throw, so anything else is a bug.
    private static <T> T call(Body<T> body) {
        try {
            return body.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("a libsecret call failed unexpectedly", t);
        }
    }

    /** Calls a {@code void f(void *)} function, such as one that frees what it is given. */
    private static void apply(MethodHandle function, MemorySegment argument) {
        invoke(() -> {
            function.invokeExact(argument);
        });
    }

    private static void invoke(VoidBody body) {
        call(() -> {
            body.run();
            return null;
        });
    }
}
