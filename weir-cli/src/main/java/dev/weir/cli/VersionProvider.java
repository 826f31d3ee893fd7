package dev.weir.cli;

import picocli.CommandLine;

final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[]{"weir " + (v == null ? "development build" : v) + " (Apache Kafka "
                + org.apache.kafka.common.utils.AppInfoParser.getVersion() + ", Java " + Runtime.version() + ")"};
    }
}
