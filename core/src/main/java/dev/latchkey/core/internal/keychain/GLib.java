package dev.latchkey.core.internal.keychain;

import static dev.latchkey.core.internal.keychain.NativeFunction.call;
import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What libsecret's calls are made of, from GLib, GObject and GIO: attribute tables, strings the
 * caller frees, errors, cancellables, and two questions to the D-Bus daemon about who answers as
 * the Secret Service.
 *
 * <p>Reading what C returns (sizing a pointer's memory) is a restricted operation; every
 * launcher of Latchkey enables native access.
 */
@SuppressWarnings("restricted")
final class GLib {

    static final MemorySegment NULL = MemorySegment.NULL;
    private static final FunctionDescriptor VOID_P = FunctionDescriptor.ofVoid(ADDRESS);
    private static final FunctionDescriptor P_P = FunctionDescriptor.of(ADDRESS, ADDRESS);

    private final MemorySegment strHash;
    private final MemorySegment strEqual;
    private final NativeFunction hashTableNew;
    private final NativeFunction hashTableInsert;
    private final NativeFunction hashTableUnref;
    private final NativeFunction free;
    private final NativeFunction strfreev;
    private final NativeFunction errorFree;
    private final NativeFunction quarkToString;
    private final NativeFunction objectUnref;
    private final NativeFunction cancellableNew;
    private final NativeFunction cancellableCancel;
    private final NativeFunction nameOwner;
    private final NativeFunction proxyConnection;
    private final NativeFunction variantString;
    private final NativeFunction variantTuple;
    private final NativeFunction busCall;
    private final NativeFunction variantChild;
    private final NativeFunction variantUint32;
    private final NativeFunction variantGetString;
    private final NativeFunction variantUnref;

    GLib(SymbolLookup lib) {
        strHash = lib.findOrThrow("g_str_hash");
        strEqual = lib.findOrThrow("g_str_equal");
        hashTableNew = new NativeFunction(lib, "g_hash_table_new", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        hashTableInsert = new NativeFunction(lib, "g_hash_table_insert", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS));
        hashTableUnref = new NativeFunction(lib, "g_hash_table_unref", VOID_P);
        free = new NativeFunction(lib, "g_free", VOID_P);
        strfreev = new NativeFunction(lib, "g_strfreev", VOID_P);
        errorFree = new NativeFunction(lib, "g_error_free", VOID_P);
        quarkToString = new NativeFunction(lib, "g_quark_to_string", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        objectUnref = new NativeFunction(lib, "g_object_unref", VOID_P);
        cancellableNew = new NativeFunction(lib, "g_cancellable_new", FunctionDescriptor.of(ADDRESS));
        cancellableCancel = new NativeFunction(lib, "g_cancellable_cancel", VOID_P);
        nameOwner = new NativeFunction(lib, "g_dbus_proxy_get_name_owner", P_P);
        proxyConnection = new NativeFunction(lib, "g_dbus_proxy_get_connection", P_P);
        variantString = new NativeFunction(lib, "g_variant_new_string", P_P);
        variantTuple = new NativeFunction(lib, "g_variant_new_tuple", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
        busCall = new NativeFunction(lib, "g_dbus_connection_call_sync", FunctionDescriptor.of(ADDRESS,
                ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        variantChild = new NativeFunction(lib, "g_variant_get_child_value", FunctionDescriptor.of(ADDRESS, ADDRESS, JAVA_LONG));
        variantUint32 = new NativeFunction(lib, "g_variant_get_uint32", FunctionDescriptor.of(JAVA_INT, ADDRESS));
        variantGetString = new NativeFunction(lib, "g_variant_get_string", FunctionDescriptor.of(ADDRESS, ADDRESS, ADDRESS));
        variantUnref = new NativeFunction(lib, "g_variant_unref", VOID_P);
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
        final MemorySegment handle;
        private boolean closed;

        private Cancellable() {
            handle = call(() -> (MemorySegment) cancellableNew.handle().invokeExact());
        }

        synchronized void cancel() {
            if (!closed) {
                cancellableCancel.apply(handle);
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

    /** Binds what every call needs (cancellables, attribute tables, errors), without calling it. */
    void bindBasics() {
        for (NativeFunction f : new NativeFunction[] {cancellableNew, cancellableCancel, objectUnref, hashTableNew,
            hashTableInsert, hashTableUnref, quarkToString, errorFree}) {
            f.handle();
        }
    }

    /** Binds every function of this class, without calling any (see {@link Libsecret#bindAll()}). */
    void bindAll() {
        bindBasics();
        for (NativeFunction f : new NativeFunction[] {free, strfreev, nameOwner, proxyConnection, variantString,
            variantTuple, busCall, variantChild, variantUint32, variantGetString, variantUnref}) {
            f.handle();
        }
    }

    Cancellable cancellable() {
        return new Cancellable();
    }

    void unref(MemorySegment object) {
        if (!object.equals(NULL)) {
            objectUnref.apply(object);
        }
    }

    /** A GHashTable of {@code attributes}, its strings allocated in {@code a}; release it with {@link #unrefTable}. */
    MemorySegment table(Arena a, Map<String, String> attributes) {
        MemorySegment table = call(() -> (MemorySegment) hashTableNew.handle().invokeExact(strHash, strEqual));
        for (Map.Entry<String, String> e : attributes.entrySet()) {
            MemorySegment key = a.allocateFrom(e.getKey());
            MemorySegment value = a.allocateFrom(e.getValue());
            NativeFunction.invoke(() -> {
                int ignored = (int) hashTableInsert.handle().invokeExact(table, key, value);
            });
        }
        return table;
    }

    void unrefTable(MemorySegment table) {
        hashTableUnref.apply(table);
    }

    /** A call that may report a GError through its last argument. */
    interface ErrorCall<T> {
        T call(Arena arena, MemorySegment error) throws Throwable;
    }

    <T> T withError(ErrorCall<T> body) throws Failure {
        try (Arena a = Arena.ofConfined()) {
            return withError(a, body);
        }
    }

    <T> T withError(Arena a, ErrorCall<T> body) throws Failure {
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
            String domain = cString(call(() -> (MemorySegment) quarkToString.handle().invokeExact(quark)));
            errorFree.apply(e);
            throw new Failure(new GError(domain == null ? "" : domain, code, message == null ? "" : message));
        }
        return result;
    }

    /** The text of a string the caller owns, which is freed; null for NULL. */
    String takeString(MemorySegment s) {
        if (s.equals(NULL)) {
            return null;
        }
        String text = cString(s);
        free.apply(s);
        return text;
    }

    /** The texts of a NULL-terminated string array the caller owns, which is freed. */
    List<String> takeStrings(MemorySegment array) {
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
        strfreev.apply(array);
        return out;
    }

    static String cString(MemorySegment s) {
        return s.equals(NULL) ? null : s.reinterpret(Long.MAX_VALUE).getString(0, StandardCharsets.UTF_8);
    }

    /** The unique bus name of the program that answered as {@code proxy} when it was made. */
    Optional<String> owner(MemorySegment proxy) {
        return Optional.ofNullable(call(() -> takeString((MemorySegment) nameOwner.handle().invokeExact(proxy))));
    }

    /**
     * The unique bus name of whoever answers as the Secret Service now, asked of the bus itself
     * (any thread may ask, even while another waits on a prompt); empty when nobody does.
     */
    Optional<String> currentOwner(MemorySegment proxy) {
        try {
            MemorySegment reply = busCall(proxy, "GetNameOwner", "org.freedesktop.secrets", NULL);
            try {
                MemorySegment child = call(() -> (MemorySegment) variantChild.handle().invokeExact(reply, 0L));
                try {
                    return Optional.ofNullable(cString(call(() ->
                            (MemorySegment) variantGetString.handle().invokeExact(child, NULL))));
                } finally {
                    variantUnref.apply(child);
                }
            } finally {
                variantUnref.apply(reply);
            }
        } catch (Failure noOwner) {
            return Optional.empty();
        }
    }

    /** The process id of the program answering as {@code proxy}, as the bus daemon knows it. */
    Optional<Integer> ownerPid(MemorySegment proxy, Cancellable c) throws Failure {
        Optional<String> owner = owner(proxy);
        if (owner.isEmpty()) {
            return Optional.empty();
        }
        MemorySegment reply = busCall(proxy, "GetConnectionUnixProcessID", owner.get(), c.handle);
        try {
            MemorySegment pid = call(() -> (MemorySegment) variantChild.handle().invokeExact(reply, 0L));
            try {
                return Optional.of(call(() -> (int) variantUint32.handle().invokeExact(pid)));
            } finally {
                variantUnref.apply(pid);
            }
        } finally {
            variantUnref.apply(reply);
        }
    }

    /** Calls a method of the bus daemon that takes one string, on {@code proxy}'s connection; the caller unrefs the reply. */
    private MemorySegment busCall(MemorySegment proxy, String method, String argument, MemorySegment cancellable)
            throws Failure {
        MemorySegment connection = call(() -> (MemorySegment) proxyConnection.handle().invokeExact(proxy));
        return withError((a, err) -> {
            MemorySegment children = a.allocate(ADDRESS);
            children.set(ADDRESS, 0, (MemorySegment) variantString.handle().invokeExact(a.allocateFrom(argument)));
            MemorySegment args = (MemorySegment) variantTuple.handle().invokeExact(children, 1L);
            return (MemorySegment) busCall.handle().invokeExact(connection, a.allocateFrom("org.freedesktop.DBus"),
                    a.allocateFrom("/org/freedesktop/DBus"), a.allocateFrom("org.freedesktop.DBus"),
                    a.allocateFrom(method), args, NULL, 0, 2000, cancellable, err);
        });
    }
}
