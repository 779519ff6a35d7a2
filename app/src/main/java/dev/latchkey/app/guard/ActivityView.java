package dev.latchkey.app.guard;

import dev.latchkey.app.common.Screen;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Activity: launches and the commits and pushes the leak guard stopped, newest first. */
public final class ActivityView implements Screen {

    private final VBox root;
    private final ListView<ActivityViewModel.Item> list = new ListView<>();

    public ActivityView(ActivityViewModel model) {
        Label heading = new Label("Activity");
        heading.getStyleClass().add("title");
        Label about = new Label("Apps you launched, and the commits and pushes the leak guard stopped, newest first. "
                + "Entries name references and places only, never a value.");
        about.setWrapText(true);
        about.getStyleClass().add("subtle");
        Button refresh = new Button("_Refresh");
        refresh.setId("activity-refresh");
        refresh.setOnAction(e -> model.load());
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        HBox top = new HBox(12, heading, gap, refresh);
        top.setAlignment(Pos.CENTER_LEFT);

        list.setId("activity");
        list.setAccessibleText("Activity: launches and guarded commits");
        list.setItems(model.items());
        list.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(ActivityViewModel.Item item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                getStyleClass().removeAll("activity-stopped");
                if (empty || item == null) {
                    setGraphic(null);
                    setId(null);
                    return;
                }
                setId("activity-" + item.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
                Label title = new Label(item.title());
                title.getStyleClass().add("card-title");
                if (item.kind() != ActivityViewModel.Kind.LAUNCH) {
                    title.getStyleClass().add("error-text");
                }
                title.setWrapText(true);
                Label when = new Label(item.when());
                when.getStyleClass().add("subtle");
                when.setMinWidth(Region.USE_PREF_SIZE);
                Region gap = new Region();
                HBox.setHgrow(gap, Priority.ALWAYS);
                VBox box = new VBox(3, new HBox(12, title, gap, when));
                for (String d : item.details()) {
                    Label line = new Label(d);
                    line.setWrapText(true);
                    line.maxWidthProperty().bind(list.widthProperty().subtract(48));
                    box.getChildren().add(line);
                }
                title.maxWidthProperty().bind(list.widthProperty().subtract(220));
                setGraphic(box);
            }
        });
        Label empty = new Label();
        empty.setId("activity-message");
        empty.setWrapText(true);
        empty.textProperty().bind(model.messageProperty());
        list.setPlaceholder(empty);
        VBox.setVgrow(list, Priority.ALWAYS);
        root = new VBox(12, top, about, list);
        root.setPadding(new Insets(24));
        root.setId("activity-screen");
    }

    @Override
    public Node root() {
        return root;
    }

    @Override
    public Node initialFocus() {
        return list;
    }

    @Override
    public String title() {
        return "Activity";
    }

    @Override
    public String navId() {
        return "nav-activity";
    }
}
