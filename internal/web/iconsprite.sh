#!/bin/sh
# Builds icons.svg, a sprite of the Lucide icons the UI uses, from the
# lucide-static npm package: `cd /tmp && npm pack lucide-static && tar xzf lucide-static-*.tgz`,
# then `sh internal/web/iconsprite.sh /tmp/package/icons > internal/web/static/icons.svg`. Add a name below to use a new icon
# ({{icon "name"}} in a template). Each icon becomes <symbol id="i-NAME">.
set -eu
dir=$1
echo '<svg xmlns="http://www.w3.org/2000/svg"><!-- Lucide icons (ISC licence, icons/LICENSE), built by internal/web/iconsprite.sh -->'
for n in activity arrow-down arrow-up arrow-up-down banknote bell briefcase building-2 calendar check chevron-down \
	circle-check circle-x clock columns-3 download ellipsis-vertical file-text grip-vertical layout-dashboard \
	list-filter log-out mail map-pin menu pencil phone plus search settings star tag upload user user-plus users x; do
	# The inner elements of each icon (everything between the <svg …> opening tag and </svg>), on one line.
	body=$(sed -e '1,/^>$/d' -e '/<\/svg>/d' "$dir/$n.svg" | tr -s ' \n' ' ')
	printf '<symbol id="i-%s" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">%s</symbol>\n' "$n" "$body"
done
echo '</svg>'
