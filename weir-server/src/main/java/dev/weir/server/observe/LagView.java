package dev.weir.server.observe;

import java.util.List;
import java.util.Optional;

/** The latest lag judgement of every consumer group watched. */
public interface LagView {

    List<GroupLag> groups();

    default Optional<GroupLag> group(String group) {
        return groups().stream().filter(g -> g.group().equals(group)).findFirst();
    }
}
