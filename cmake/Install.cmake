# Install rules for the desktop integration (included from the top-level
# CMakeLists.txt; app/CMakeLists.txt installs bin/idlebell itself).
#
# The application id is io.github.idlebell.Idlebell (reverse DNS, as AppStream
# and Flatpak want): the desktop entry and the AppStream file carry it in their
# names, and it is what the desktop-entry hint of a notification and
# QGuiApplication::desktopFileName must say. The icon keeps the short name
# "idlebell" (Icon= in the desktop entries, app_icon of the notifications).
#
#   <prefix>/bin/idlebell
#   <prefix>/share/applications/io.github.idlebell.Idlebell.desktop
#   <prefix>/share/metainfo/io.github.idlebell.Idlebell.metainfo.xml
#   <prefix>/share/icons/hicolor/scalable/apps/idlebell.svg
#   <prefix>/share/icons/hicolor/symbolic/apps/idlebell-symbolic.svg   (when resources/icons has it)
#   <sysconfdir>/xdg/autostart/idlebell.desktop   (only with -DIDLEBELL_INSTALL_AUTOSTART=ON)
#
# Translations are not installed: they are built into the binary.
# The test packaging.install installs into a temporary tree and validates it.

set(IDLEBELL_APP_ID io.github.idlebell.Idlebell)

option(IDLEBELL_INSTALL_AUTOSTART
  "Install a system-wide XDG autostart entry (starts Idlebell at every user's login)" OFF)

install(FILES ${PROJECT_SOURCE_DIR}/resources/${IDLEBELL_APP_ID}.desktop
        DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES ${PROJECT_SOURCE_DIR}/resources/${IDLEBELL_APP_ID}.metainfo.xml
        DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/idlebell.svg
        DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps)
if(EXISTS ${PROJECT_SOURCE_DIR}/resources/icons/idlebell-symbolic.svg)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/icons/idlebell-symbolic.svg
          DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/symbolic/apps)
endif()

# Off by default: a per-user entry (~/.config/autostart/idlebell.desktop, what
# the settings dialog's "Start Idlebell when I log in" writes, see
# src/ui/Autostart.h) is the normal way. The system-wide one has the same file
# name, so a user's entry overrides it (a user entry with Hidden=true turns it
# off for that user). The directory is CMAKE_INSTALL_FULL_SYSCONFDIR, fixed at
# configure time: /etc/xdg/autostart for -DCMAKE_INSTALL_PREFIX=/usr, which is
# where desktops look ($XDG_CONFIG_DIRS); with the default /usr/local prefix it
# is /usr/local/etc/xdg/autostart, which they read only if XDG_CONFIG_DIRS says so.
if(IDLEBELL_INSTALL_AUTOSTART)
  install(FILES ${PROJECT_SOURCE_DIR}/resources/idlebell-autostart.desktop
          DESTINATION ${CMAKE_INSTALL_FULL_SYSCONFDIR}/xdg/autostart
          RENAME idlebell.desktop)
endif()
