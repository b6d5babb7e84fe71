# fish completion for brm(1)
#
# The candidates come from brm itself: `brm __complete WORD...` gets the
# words after "brm" up to the cursor, the last being the word under the
# cursor (maybe empty), and prints the candidates one per line, already
# filtered by that prefix.  New commands and options need no change here.
# Install as .../fish/vendor_completions.d/brm.fish or source it.

function __brm_complete
    set -l tokens (commandline -opc)
    set -l cur (commandline -ct)
    set -q cur[1]; or set cur ""
    set -l bin brm
    # A path typed as the command (./brm) is the brm to ask.
    if string match -q -- '*/*' $tokens[1]
        set bin (string replace -r '^~/' "$HOME/" -- $tokens[1])
    end

    # global options before the command: -C <dir>, -C<dir>, --version
    set -l dir
    set -l i 2
    set -l n (count $tokens)
    while test $i -le $n
        switch $tokens[$i]
            case -C
                if test $i -eq $n
                    __fish_complete_directories $cur
                    return
                end
                set dir $tokens[(math $i + 1)]
                set i (math $i + 2)
            case '-C?*'
                set dir (string sub -s 3 -- $tokens[$i])
                set i (math $i + 1)
            case '-*'
                set i (math $i + 1)
            case '*'
                break
        end
    end
    if test $i -gt $n; and string match -q -- '-*' $cur
        printf '%s\n' -C --help --version
        return
    end

    set -l args $cur
    if test $i -le $n
        set args $tokens[$i..-1] $cur
    end
    set -l pre
    if test -n "$dir"
        set pre -C (string replace -r '^~/' "$HOME/" -- $dir)
    end
    set -l cands ($bin $pre __complete $args 2>/dev/null)
    if test (count $cands) -gt 0
        printf '%s\n' $cands
        return
    end
    # the operands of init (<dir>) and clone (<url> [<dir>]) are
    # directories; their options take a value that is not one
    if test (count $args) -gt 1; and contains -- $args[1] init clone
        and not string match -q -- '-*' $cur
        and begin
            not string match -q -- '-?*' $tokens[-1]
            or test "$tokens[-1]" = --
        end
        __fish_complete_directories $cur
    end
    # import's <file>
    if test (count $args) -gt 2; and test "$args[1]" = import
        and not string match -q -- '-*' $cur
        __fish_complete_path $cur
    end
end

complete -c brm -f -a '(__brm_complete)'
