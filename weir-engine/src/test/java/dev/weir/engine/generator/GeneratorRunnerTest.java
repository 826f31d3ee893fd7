package dev.weir.engine.generator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static dev.weir.engine.generator.TestGenerators.generator;
import static org.assertj.core.api.Assertions.assertThat;

/** The producing loop against a real broker is tested elsewhere; here, only what needs no broker. */
class GeneratorRunnerTest {

    @Test
    void sendErrorsAreCountedAndDoNotStopTheRunner() throws InterruptedException {
        Properties config = new Properties();
        config.setProperty("bootstrap.servers", "127.0.0.1:1"); // nothing listens there
        config.setProperty("max.block.ms", "100");
        try (GeneratorRunner runner = GeneratorRunner.start(generator("rate: 1000\ncount: 5", "id: { sequence: {} }"), config)) {
            assertThat(runner.awaitCompletion(Duration.ofSeconds(30))).isTrue();
            assertThat(runner.failed()).isEqualTo(5);
            assertThat(runner.produced()).isZero();
            assertThat(runner.isRunning()).isFalse();
        }
    }

    @Test
    void closeStopsAnEndlessRunner() throws InterruptedException {
        Properties config = new Properties();
        config.setProperty("bootstrap.servers", "127.0.0.1:1");
        config.setProperty("max.block.ms", "100");
        GeneratorRunner runner = GeneratorRunner.start(generator("rate: 50", "id: { sequence: {} }"), config);
        Thread.sleep(300);
        assertThat(runner.isRunning()).isTrue();
        runner.close();
        assertThat(runner.isRunning()).isFalse();
        assertThat(runner.failed()).isPositive();
        runner.close(); // a second close does nothing
    }
}
