# install.cmake — what `cmake --install` puts where, and the Debian package CPack makes from it.
#
#   bin/briefc
#   share/briefc/{plugins,fonts,geo,briefs,examples}   found by core/base/home.c relative to bin/briefc
#   share/man/man{1,5,7}                           briefc(1) from the option table (core/cli/cli.c),
#                                                  briefc-brief(5), -plugins(7) from the meta file
#   share/bash-completion, share/zsh, share/fish   the same
#   share/doc/briefc                               README, tutorial, copyright
#
# bin/ and share/briefc keep these names whatever GNUInstallDirs says: home.c looks for
# <exe>/../share/briefc, so a prefix can be moved as a whole.

install(TARGETS briefc RUNTIME DESTINATION bin)
install(DIRECTORY plugins/ DESTINATION share/briefc/plugins
  FILES_MATCHING PATTERN "*.lua" PATTERN "*.md")
install(DIRECTORY fonts/ DESTINATION share/briefc/fonts
  FILES_MATCHING PATTERN "*.ttf" PATTERN "*.otf" PATTERN "LICENSE*")
install(DIRECTORY geo/ DESTINATION share/briefc/geo)
install(DIRECTORY briefs/ DESTINATION share/briefc/briefs)
install(DIRECTORY examples/ DESTINATION share/briefc/examples)
install(FILES README.md DESTINATION share/doc/briefc)

# The man page and completions, written by the built briefc from its option table.
set(BC_GEN ${CMAKE_BINARY_DIR}/generated)
# briefc-brief(5) comes from the ---@meta file's Brief, BriefPage, Theme and BriefLimits classes,
# briefc-plugins(7) from the rest of it.
set(BC_GEN_FILES ${BC_GEN}/briefc.1 ${BC_GEN}/briefc-brief.5 ${BC_GEN}/briefc-plugins.7 ${BC_GEN}/briefc.bash
  ${BC_GEN}/_briefc ${BC_GEN}/briefc.fish)
add_custom_command(OUTPUT ${BC_GEN_FILES}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${BC_GEN}
  COMMAND sh -c "\"$0\" help --man > \"$1/briefc.1\" && BRIEFC_HOME=\"$2\" \"$0\" help --man brief > \"$1/briefc-brief.5\" && BRIEFC_HOME=\"$2\" \"$0\" help --man plugins > \"$1/briefc-plugins.7\" && \"$0\" help --completion bash > \"$1/briefc.bash\" && \"$0\" help --completion zsh > \"$1/_briefc\" && \"$0\" help --completion fish > \"$1/briefc.fish\""
    $<TARGET_FILE:briefc> ${BC_GEN} ${CMAKE_SOURCE_DIR}
  DEPENDS briefc ${CMAKE_SOURCE_DIR}/plugins/briefc.meta.lua
  COMMENT "man page and completions from the option table"
  VERBATIM)
add_custom_target(briefc_generated ALL DEPENDS ${BC_GEN_FILES})

install(FILES ${BC_GEN}/briefc.1 DESTINATION share/man/man1)
install(FILES ${BC_GEN}/briefc-brief.5 DESTINATION share/man/man5)
install(FILES ${BC_GEN}/briefc-plugins.7 DESTINATION share/man/man7)
install(FILES ${BC_GEN}/briefc.bash DESTINATION share/bash-completion/completions RENAME briefc)
# zsh: Debian's own packages use vendor-completions, local installs site-functions; decided at
# install time, as CPack installs the same build under <staging>/usr.
install(CODE "
  if(CMAKE_INSTALL_PREFIX MATCHES \"(^|/)usr$\")
    set(_bc_zsh share/zsh/vendor-completions)
  else()
    set(_bc_zsh share/zsh/site-functions)
  endif()
  file(INSTALL \"${BC_GEN}/_briefc\" DESTINATION \"\${CMAKE_INSTALL_PREFIX}/\${_bc_zsh}\")")
install(FILES ${BC_GEN}/briefc.fish DESTINATION share/fish/vendor_completions.d)

# `make package`: a Debian package, its library dependencies computed by dpkg-shlibdeps. HarfBuzz's
# subsetter and libmicrohttpd are opened with dlopen (core/text/hbsubset.c, core/serve/mhd_dl.c)
# and the hyphenation patterns are read from /usr/share/hyphen, so those three are named by hand.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME briefc)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "briefc")
set(CPACK_PACKAGE_CONTACT "briefc maintainers <briefc@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "report compiler for policy briefs written as Lua plugins")
set(CPACK_PACKAGE_DESCRIPTION "briefc compiles a brief, a short Lua file naming metadata, a theme
and an ordered list of sections written as sandboxed Lua plugins, into a typeset PDF with
tables, vector charts, citations and embedded font subsets.")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "libharfbuzz-subset0, libmicrohttpd12, libicu72, libxml2, hyphen-en-us | hyphen-hyphenation-patterns")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)
