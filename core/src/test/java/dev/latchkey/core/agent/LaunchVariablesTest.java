package dev.latchkey.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.internal.launch.ChildEnvironment;
import dev.latchkey.core.launch.profile.ProjectFile;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a launch asks for a refresh endpoint, and which of Latchkey's variables its child may get. */
class LaunchVariablesTest {

    @Test
    void aProfileAsksForARefreshEndpointWithRefreshEndpointTrue() {
        ProjectFile file = ProjectFile.parse(Path.of("latchkey.toml"), """
                [profiles.api]
                command = "./server"
                refresh-endpoint = true

                [profiles.worker]
                command = "./worker"
                """);
        assertThat(file.refreshEndpoint("api")).isTrue();
        assertThat(file.refreshEndpoint("worker")).isFalse();
        assertThatThrownBy(() -> ProjectFile.parse(Path.of("latchkey.toml"), """
                [profiles.api]
                command = "./server"
                refresh-endpoint = "yes"
                """)).hasMessageContaining("refresh-endpoint in profile api must be true or false");
    }

    @Test
    void theChildGetsTheEndpointsVariablesFromItsLaunchOnlyNeverFromTheParent() {
        Map<String, String> env = ChildEnvironment.build(
                Map.of("LATCHKEY_CREDENTIALS_TOKEN", "parents", "LATCHKEY_CREDENTIALS_URL", "http://parent", "PATH", "/bin"),
                false, Map.of(LaunchEndpoint.URL_VARIABLE, "http://127.0.0.1:1/v1/credentials"));
        assertThat(env).containsEntry("LATCHKEY_CREDENTIALS_URL", "http://127.0.0.1:1/v1/credentials")
                .doesNotContainKey("LATCHKEY_CREDENTIALS_TOKEN").containsEntry("PATH", "/bin");
        assertThatThrownBy(() -> ChildEnvironment.build(Map.of(), false, Map.of("LATCHKEY_SESSION", "x")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
