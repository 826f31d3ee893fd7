package dev.weir.server.observe;

import java.util.List;

/** Every alert rule of the project and where it stands now. */
public interface AlertView {

    List<AlertState> alerts();
}
