"""The search cases a student would type, with the page each expects (tests/test_search.py runs them in
Chromium on the frozen fixture site, tests/fixtures/site/; bench/search_hits.py prints the hit rate)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Case:
    query: str
    page: str  # path below the site root, "" for the home page
    within: int  # 1: the page must come first; 3: among the first three pages

    def __str__(self) -> str:
        return self.query


HOME, CHAPTER, GLOSSARY = "", "docker-1/", "glossary/"
WHAT, VM, HISTORY = "docker-1/what-is-a-container/", "docker-1/vm-vs-container/", "docker-1/history/"
PLATFORM, PORTABILITY = "docker-1/docker-platform/", "docker-1/portability/"

CASES: tuple[Case, ...] = (
    # How "within" is set, from the notes' text and before measuring:
    #   1  the query is (in) the title or a heading of that page and of no other, or its words stand
    #      together on that page only;
    #   3  a term with its own glossary entry and no heading of its own (the glossary may come first;
    #      the page that explains the term in context must follow), a phrase that the glossary or
    #      another page repeats, or a word used on most pages.
    # The pages are those of the fixture site; when its notes change, apply the same rules again.
    # katakana terms
    Case("コンテナ", WHAT, 3),
    Case("ハイパーバイザ", VM, 3),
    Case("ハイパーバイザー", VM, 3),  # long-vowel spelling; the notes write ハイパーバイザ
    Case("カーネル", VM, 3),
    Case("ポータビリティ", PORTABILITY, 1),
    Case("オーケストレーション", PORTABILITY, 3),
    Case("サンドボックス", HISTORY, 3),
    Case("プロビジョニング", PLATFORM, 3),
    Case("クラスタマネージャ", PLATFORM, 3),
    Case("レイヤー構成", VM, 1),
    # later parts of compounds: found only if the index knows the compound's parts
    Case("マネージャー", PLATFORM, 3),  # クラスタマネージャ, long-vowel spelling
    Case("イメージ", HISTORY, 3),  # コンテナイメージ; the Docker Hub event explains it
    Case("エンジン", PLATFORM, 3),  # Dockerエンジン, コンテナエンジン
    Case("ネームスペース", HISTORY, 3),  # カーネルネームスペース
    Case("サービス", PLATFORM, 3),  # クラウドサービス
    Case("ユーザー", HISTORY, 1),  # エンドユーザー; a history heading has ユーザー
    Case("担当者", PORTABILITY, 1),  # 運用担当者
    Case("要素", PLATFORM, 3),  # 構成要素
    # kanji compounds
    Case("隔離", PORTABILITY, 3),
    Case("仮想化", GLOSSARY, 1),
    Case("可搬性", WHAT, 3),
    Case("標準化", PLATFORM, 1),
    Case("依存対象", WHAT, 3),
    Case("共同作業", PORTABILITY, 1),
    Case("歴史", HISTORY, 1),
    Case("互換性", PORTABILITY, 1),
    Case("仮想マシン", GLOSSARY, 1),
    Case("軽量", WHAT, 1),
    # mixed Japanese and English
    Case("Dockerエンジン", PLATFORM, 1),
    Case("Docker Hub とは", PLATFORM, 3),  # a history heading has Docker Hub too
    Case("LXC プロジェクト", HISTORY, 1),
    Case("Docker社のツール", PLATFORM, 1),
    Case("Linuxカーネル", PORTABILITY, 3),
    Case("ゲストOS", VM, 3),
    # English product names
    Case("Docker", PLATFORM, 3),
    Case("OpenVZ", HISTORY, 1),
    Case("cgroups", HISTORY, 1),
    Case("OCI", HISTORY, 1),
    Case("Kitematic", HISTORY, 1),
    Case("chroot", HISTORY, 1),
    Case("Solaris Zones", HISTORY, 1),
    # longer phrases
    Case("コンテナの起動", WHAT, 1),
    Case("ホストOSのカーネル", VM, 3),
    Case("VMとコンテナの違い", VM, 3),  # VMとコンテナ heads two pages
    Case("コンテナとは", WHAT, 1),
    Case("なぜ注目されているか", WHAT, 3),
    Case("どこでも動く", PORTABILITY, 1),
    Case("コンテナを配布するサービス", PLATFORM, 3),
    Case("隔離の度合い", VM, 1),
)


@dataclass(frozen=True)
class TermCase:
    """A query that is one glossary term: the glossary must be among the first three pages of the result
    list, once, its first row the term's own entry (``glossary/#anchor``); ``pages`` must be among the
    first three too."""

    query: str
    anchor: str
    pages: tuple[str, ...]

    def __str__(self) -> str:
        return self.query


#: ``pages``, set from the notes before measuring: the note pages that use the term most (counted as the
#: glossary's matcher counts), at most two; the history page for a term its timeline tells. A term no
#: note uses expects the glossary alone.
TERM_CASES: tuple[TermCase, ...] = (
    TermCase("カーネル", "kernel", (PORTABILITY, VM)),
    TermCase("ハイパーバイザ", "hypervisor", (VM,)),
    TermCase("コンテナ", "container", (WHAT,)),
    TermCase("ポータビリティ", "portability", (PORTABILITY,)),
    TermCase("ホストOS", "host-os", (PORTABILITY, WHAT)),
    TermCase("ゲストOS", "guest-os", (VM,)),
    TermCase("オーケストレーション", "orchestration", (PORTABILITY,)),
    TermCase("プロビジョニング", "provisioning", (PLATFORM,)),
    TermCase("サンドボックス", "sandbox", (HISTORY,)),
    TermCase("chroot", "chroot", (HISTORY,)),
    TermCase("cgroups", "cgroups", (HISTORY,)),
    TermCase("LXC", "lxc", (HISTORY,)),
    TermCase("Swarm", "swarm", (PLATFORM,)),
    TermCase("Docker Hub", "docker-hub", (PLATFORM,)),
    TermCase("仮想マシン", "vm", ()),
    # every other spelling of the glossary's entries, added after the ranking change of issue 25 and set by
    # one rule: the note page that uses the term most (the matcher's count, at least twice), if any. Left
    # out: Docker (the glossary comes fourth, after the history, portability and platform pages, whose
    # titles and headings name Docker; tests/test_search_ja.py checks it within the first five).
    TermCase("コンテナイメージ", "image", (HISTORY,)),
    TermCase("イメージ", "image", (HISTORY,)),
    TermCase("コンテナエンジン", "container-engine", ()),
    TermCase("VM", "vm", (VM,)),
    TermCase("ハイパーバイザー", "hypervisor", (VM,)),
    TermCase("jail", "jail", (HISTORY,)),
    TermCase("Solaris Zones", "solaris-zones", (HISTORY,)),
    TermCase("Virtuozzo", "virtuozzo", (HISTORY,)),
    TermCase("OpenVZ", "openvz", (HISTORY,)),
    TermCase("CGroups", "cgroups", (HISTORY,)),
    TermCase("Control Groups", "cgroups", (HISTORY,)),
    TermCase("カーネルネームスペース", "namespaces", (HISTORY,)),
    TermCase("namespaces", "namespaces", (HISTORY,)),
    TermCase("Linux Containers", "lxc", (HISTORY,)),
    TermCase("Dockerエンジン", "docker-engine", (HISTORY,)),
    TermCase("Docker Engine", "docker-engine", (HISTORY,)),
    TermCase("Kitematic", "kitematic", (HISTORY,)),
    TermCase("Docker Machine", "docker-machine", (HISTORY,)),
    TermCase("OCI", "oci", (HISTORY,)),
    TermCase("Open Container Initiative", "oci", (HISTORY,)),
)
#: The term queries typed in Chromium (tests/test_search.py): the issue's fifteen and five of the others.
#: Every spelling is also checked, cheaply, through Material's own search worker in node
#: (tests/test_search_ja.py: its entry first in the glossary, a page that uses it within the first five).
BROWSER_TERM_CASES = TERM_CASES[:20]
