package dev.latchkey.app;

import dev.latchkey.app.agent.AgentHost;
import dev.latchkey.app.common.BannerModel;
import dev.latchkey.app.common.Toasts;
import dev.latchkey.app.expiry.ExpiryBanner;
import dev.latchkey.app.shell.MainWindow;
import dev.latchkey.core.expiry.ExpiryMonitor;
import dev.latchkey.core.guard.LeakGuard;
import java.util.function.Supplier;

/**
 * What every part of the running app shares, built once by {@link AppComposition}: the services it
 * runs on, the window with its notices and toasts, the expiry watch, the leak guard and the local agent.
 *
 * @param guard the app's one leak guard, made when first asked for, so its background recording keeps one thread
 * @param agent the local agent the app serves while someone is signed in
 */
record AppParts(AppServices services, MainWindow window, BannerModel banner, Toasts toasts, ExpiryMonitor monitor,
                ExpiryBanner expiry, Supplier<LeakGuard> guard, AgentHost agent) {
}
