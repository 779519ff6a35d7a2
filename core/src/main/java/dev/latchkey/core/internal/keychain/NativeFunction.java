package dev.latchkey.core.internal.keychain;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;

/**
 * One C function of a loaded library, bound to a method handle the first time it is called:
 * binding generates code for each new signature, so a command that only reads pays only for
 * the calls a read makes. The symbol itself is looked up at once, so a missing function is
 * found when the library is loaded, not half-way through a call.
 *
 * <p>Binding is a restricted operation; every launcher of Latchkey enables native access (the
 * jars' manifests, jpackage's options, the tests' JVMs), so it runs without a warning.
 */
@SuppressWarnings("restricted")
final class NativeFunction {

    private final MemorySegment symbol;
    private final FunctionDescriptor type;
    private volatile MethodHandle handle;

    NativeFunction(SymbolLookup library, String name, FunctionDescriptor type) {
        this.symbol = library.findOrThrow(name);
        this.type = type;
    }

    MethodHandle handle() {
        MethodHandle h = handle;
        if (h == null) {
            h = Linker.nativeLinker().downcallHandle(symbol, type);
            handle = h;
        }
        return h;
    }

    /** Calls a {@code void f(void *)} function, such as one that frees what it is given. */
    void apply(MemorySegment argument) {
        invoke(() -> {
            handle().invokeExact(argument);
        });
    }

    interface Body<T> {
        T run() throws Throwable;
    }

    interface VoidBody {
        void run() throws Throwable;
    }

    // A downcall declares Throwable; the C functions bound here cannot throw, so anything else is a bug.
    static <T> T call(Body<T> body) {
        try {
            return body.run();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException("a call into libsecret failed unexpectedly", t);
        }
    }

    static void invoke(VoidBody body) {
        call(() -> {
            body.run();
            return null;
        });
    }
}
