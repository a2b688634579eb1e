# Warnings and sanitizers for ticketflow's own targets. They are applied target by target, never
# globally, so a project that embeds ticketflow does not inherit our flags.

# Turns on our warning set; with TICKETFLOW_WARNINGS_AS_ERRORS, warnings fail the build.
function(ticketflow_enable_warnings target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(TICKETFLOW_WARNINGS_AS_ERRORS)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
endfunction()

# Instruments a target with the sanitizers named in TICKETFLOW_SANITIZE.
function(ticketflow_enable_sanitizers target)
    if(NOT TICKETFLOW_SANITIZE)
        return()
    endif()
    list(JOIN TICKETFLOW_SANITIZE "," sanitizers)
    target_compile_options(${target} PRIVATE -fsanitize=${sanitizers} -fno-omit-frame-pointer
                                             -fno-sanitize-recover=all)
    target_link_options(${target} PRIVATE -fsanitize=${sanitizers})
endfunction()

# Everything our own targets get: warnings and sanitizers.
function(ticketflow_apply_build_settings target)
    ticketflow_enable_warnings(${target})
    ticketflow_enable_sanitizers(${target})
endfunction()
