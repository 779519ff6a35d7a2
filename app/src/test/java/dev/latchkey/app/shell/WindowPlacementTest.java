package dev.latchkey.app.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WindowPlacementTest {

    @TempDir
    Path config;

    @Test
    void aSavedPlacementReadsBackAndHoldsOnlyPositions() throws Exception {
        new WindowPlacement(120, 80, 1280, 800, false).save(config);
        assertThat(WindowPlacement.load(config)).contains(new WindowPlacement(120, 80, 1280, 800, false));
        assertThat(Files.readAllLines(config.resolve(WindowPlacement.FILE)).stream().filter(l -> !l.startsWith("#")))
                .allMatch(l -> l.matches("(x|y|width|height|maximized)=[-0-9a-z]+"));
    }

    @Test
    void noFileADamagedOneOrAnAbsurdOneMeansTheDefault() throws Exception {
        assertThat(WindowPlacement.load(config)).isEmpty();
        Files.writeString(config.resolve(WindowPlacement.FILE), "x=12\ny=nonsense\nwidth=900\nheight=700\n");
        assertThat(WindowPlacement.load(config)).isEmpty();
        Files.writeString(config.resolve(WindowPlacement.FILE), "x=0\ny=0\nwidth=20\nheight=10\n");
        assertThat(WindowPlacement.load(config)).as("smaller than the app lays out for").isEmpty();
        Files.writeString(config.resolve(WindowPlacement.FILE), "x=0\ny=0\nwidth=NaN\nheight=700\n");
        assertThat(WindowPlacement.load(config)).isEmpty();
    }
}
