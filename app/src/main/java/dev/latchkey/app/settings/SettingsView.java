package dev.latchkey.app.settings;

import dev.latchkey.app.common.FieldCaption;
import dev.latchkey.app.common.ReadingWidth;
import dev.latchkey.app.common.Screen;
import dev.latchkey.app.common.Theme;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/** The settings screen. */
public final class SettingsView implements Screen {

    private final Node root;
    private final ChoiceBox<Theme> theme = new ChoiceBox<>();

    /** @param sections more parts of the screen (the leak guard's), shown under the settings and Sign out */
    public SettingsView(SettingsViewModel model, Node... sections) {
        Label heading = new Label("Settings");
        heading.getStyleClass().add("title");
        Label broker = new Label(model.broker());
        broker.setId("settings-broker");
        broker.getStyleClass().add("copyable");
        Label storage = new Label(model.storage());
        storage.setId("storage-mode");
        storage.setWrapText(true);
        storage.setMaxWidth(560);
        theme.setId("theme-choice");
        theme.getItems().setAll(Theme.values());
        theme.setConverter(new StringConverter<>() {
            @Override
            public String toString(Theme t) {
                return t == null ? "" : t == Theme.DARK ? "Dark" : "Light";
            }

            @Override
            public Theme fromString(String text) {
                return Theme.parse(text);
            }
        });
        theme.valueProperty().bindBidirectional(model.themeProperty());
        TextField lead = new TextField();
        lead.setId("lead-times");
        lead.textProperty().bindBidirectional(model.leadTimesProperty());
        Label leadError = new Label();
        leadError.setId("lead-times-error");
        leadError.getStyleClass().add("error-text");
        leadError.textProperty().bind(model.leadTimesErrorProperty());
        Button signOut = new Button("Sign _out");
        signOut.setId("sign-out");
        signOut.disableProperty().bind(model.busyProperty());
        signOut.setOnAction(e -> model.signOut());
        signOut.getStyleClass().addAll(atlantafx.base.theme.Styles.DANGER, atlantafx.base.theme.Styles.BUTTON_OUTLINED);
        Label message = new Label();
        message.setId("settings-message");
        message.textProperty().bind(model.messageProperty());

        GridPane grid = new GridPane(16, 12);
        grid.addRow(0, FieldCaption.of("Broker"), broker);
        grid.addRow(1, FieldCaption.of("Session"), storage);
        grid.addRow(2, FieldCaption.of("Theme"), theme);
        grid.addRow(3, FieldCaption.of("Warn before expiry"), new VBox(4, lead, leadError));
        FieldCaption.name(grid);
        // Sign out stays near the top, where it was before more sections came below it.
        VBox page = new VBox(20, heading, grid, signOut, message);
        page.getChildren().addAll(sections);
        page.setPadding(new Insets(32));
        // Scroll rather than squeeze: squeezed, wrapped labels lose their ends to an ellipsis.
        page.setMinHeight(Region.USE_PREF_SIZE);
        page.setId("settings");
        page.setMaxWidth(ReadingWidth.FORM);
        root = ReadingWidth.column(page);
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Node initialFocus() {
        return theme;
    }

    @Override
    public String title() {
        return "Settings";
    }

    @Override
    public String navId() {
        return "nav-settings";
    }
}
