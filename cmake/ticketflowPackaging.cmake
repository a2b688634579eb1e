# Install rules, the package config, and a build-tree export, so that `find_package(ticketflow)`
# works both against an install prefix and against a build directory.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(TICKETFLOW_CONFIG_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/ticketflow")

configure_package_config_file(
    "${PROJECT_SOURCE_DIR}/cmake/ticketflowConfig.cmake.in"
    "${PROJECT_BINARY_DIR}/ticketflowConfig.cmake"
    INSTALL_DESTINATION "${TICKETFLOW_CONFIG_DIR}")
write_basic_package_version_file(
    "${PROJECT_BINARY_DIR}/ticketflowConfigVersion.cmake"
    COMPATIBILITY SameMajorVersion)

set(TICKETFLOW_EXPORTED_TARGETS ticketflow ticketflow_sqlite ticketflow_importer)
if(TICKETFLOW_WEBHOOK)
    list(APPEND TICKETFLOW_EXPORTED_TARGETS ticketflow_webhook)
endif()
install(TARGETS ${TICKETFLOW_EXPORTED_TARGETS} EXPORT ticketflowTargets
    ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
    LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
    RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR}
    INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
# Build-tree export: point ticketflow_DIR at the build directory to use it without installing.
export(EXPORT ticketflowTargets
    FILE "${PROJECT_BINARY_DIR}/ticketflowTargets.cmake"
    NAMESPACE ticketflow::)

if(TICKETFLOW_INSTALL)
    install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/ticketflow"
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
    install(EXPORT ticketflowTargets
        FILE ticketflowTargets.cmake
        NAMESPACE ticketflow::
        DESTINATION "${TICKETFLOW_CONFIG_DIR}")
    install(FILES
        "${PROJECT_BINARY_DIR}/ticketflowConfig.cmake"
        "${PROJECT_BINARY_DIR}/ticketflowConfigVersion.cmake"
        DESTINATION "${TICKETFLOW_CONFIG_DIR}")
endif()
