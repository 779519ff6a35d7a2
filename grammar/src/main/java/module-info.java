/**
 * The duration grammar the broker and the clients share. A module so that core's descriptor can
 * require it; the broker, the app and the CLI use it from the class path.
 */
module dev.latchkey.grammar {
    exports dev.latchkey.grammar;
}
