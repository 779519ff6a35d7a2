package dev.latchkey.app.launcher;

import dev.latchkey.core.expiry.Expiring;
import dev.latchkey.core.expiry.ExpiryEvent;
import dev.latchkey.core.launch.profile.OnExpiry;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What a run of a launched app was given that ends (one item per grant and sandbox token), what
 * the launch's expiry clock said of each (warned, ended), and the countdown drawn from them. The
 * run decides when to draw it; this class what it says. UI thread only.
 */
final class RunEnds {

    private List<Expiring> items = List.of();
    private final Set<String> warned = new HashSet<>();
    private final Set<String> ended = new HashSet<>();
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<LaunchCountdown.Alert> alert =
            new ReadOnlyObjectWrapper<>(LaunchCountdown.Alert.NONE);

    /** A start was granted {@code given}: nothing of it has been warned about or has ended yet. */
    void granted(List<Expiring> given) {
        items = List.copyOf(given);
        warned.clear();
        ended.clear();
    }

    /** What the launch's expiry clock said. */
    void heard(ExpiryEvent event) {
        switch (event) {
            case ExpiryEvent.Warning w -> warned.add(w.item().id());
            case ExpiryEvent.Expired x -> ended.add(x.item().id());
        }
    }

    /** The items, soonest first; kept after the app ends. */
    List<Expiring> items() {
        return items;
    }

    boolean hasEnded(Expiring item) {
        return ended.contains(item.id());
    }

    /** Draws the countdown's text and loudness as they are now. */
    void show(OnExpiry onExpiry, Clock clock) {
        LaunchCountdown.Shown shown = LaunchCountdown.of(items, ended, warned, onExpiry, clock.instant(), clock.getZone());
        countdown.set(shown.text());
        alert.set(shown.alert());
    }

    /** Takes the countdown away: the run has ended. */
    void hide() {
        countdown.set("");
        alert.set(LaunchCountdown.Alert.NONE);
    }

    ReadOnlyStringProperty countdownProperty() {
        return countdown.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<LaunchCountdown.Alert> alertProperty() {
        return alert.getReadOnlyProperty();
    }

    /** The id of the grant that ends first among those not ended: the one "Extend" asks more time for. */
    Optional<String> grantToExtend() {
        return items.stream().filter(e -> !ended.contains(e.id()) && e.grantId().isPresent())
                .min(Comparator.comparing(Expiring::endsAt)).flatMap(Expiring::grantId);
    }
}
