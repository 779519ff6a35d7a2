package dev.latchkey.app.shell;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.IntegerExpression;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/** The sidebar's entries: an icon and a page name, optionally with a count (Approvals' pending requests). */
public final class NavItem {

    private NavItem() {
    }

    /**
     * A sidebar button.
     *
     * @param text the page name with its {@code _} mnemonic
     * @param id the node id, which screens name in {@link dev.latchkey.app.common.Screen#navId()}
     */
    public static Button of(String text, String id, Ikon icon, Runnable action) {
        Button b = new Button(text, FontIcon.of(icon, 16));
        b.setId(id);
        b.getStyleClass().addAll("flat", "nav-item");
        b.setMaxWidth(Double.MAX_VALUE);
        b.setMnemonicParsing(true);
        b.setOnAction(e -> action.run());
        VBox.setVgrow(b, Priority.NEVER);
        return b;
    }

    /**
     * {@code item} with {@code count} drawn on its right while above zero; the count is also in the
     * button's accessible text, for screen readers. Shown and laid out only while the button is visible.
     */
    public static Node withCount(Button item, IntegerExpression count) {
        Label badge = new Label();
        badge.setId(item.getId() + "-count");
        badge.getStyleClass().add("nav-count");
        badge.textProperty().bind(count.asString());
        badge.visibleProperty().bind(Bindings.greaterThan(count, 0));
        badge.setMouseTransparent(true);
        badge.setMinWidth(Region.USE_PREF_SIZE);
        String name = item.getText().replace("_", "");
        item.accessibleTextProperty().bind(Bindings.createStringBinding(() -> count.get() > 0
                ? name + ", " + count.get() + " waiting" : name, count));
        // Room for the count on the button's right while there is one, so it never covers the name.
        PseudoClass counted = PseudoClass.getPseudoClass("counted");
        item.pseudoClassStateChanged(counted, count.get() > 0);
        count.addListener((o, old, now) -> item.pseudoClassStateChanged(counted, now.intValue() > 0));
        StackPane box = new StackPane(item, badge);
        StackPane.setAlignment(badge, Pos.CENTER_RIGHT);
        StackPane.setMargin(badge, new Insets(0, 10, 0, 0));
        box.visibleProperty().bind(item.visibleProperty());
        box.managedProperty().bind(item.visibleProperty());
        return box;
    }
}
