"""The look: a calm light palette, large type for long days at the desk, one style sheet."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

ACCENT = "#1f6feb"
STYLE = """
QMainWindow, QWidget#page { background: #f6f8fa; }
QListWidget#sidebar { background: #1f2933; color: #e4e7eb; border: none; font-size: 15pt;
    padding-top: 12px; outline: 0; }
QListWidget#sidebar::item { padding: 12px 16px; border-left: 4px solid transparent; }
QListWidget#sidebar::item:selected { background: #323f4b; color: white;
    border-left: 4px solid #3ea6ff; }
QLabel#title { font-size: 20pt; font-weight: 600; color: #1f2933; }
QLabel#subtitle { font-size: 12pt; color: #52606d; }
QLabel#procedure { font-size: 15pt; font-weight: 600; color: #1f2933; }
QLabel#banner { background: #fff4d6; border: 1px solid #f0c36d; border-radius: 6px;
    padding: 8px 12px; }
QLabel#error { color: #b42318; }
QLabel#ok { color: #067647; }
QLabel#warning { color: #b54708; }
QGroupBox { font-weight: 600; border: 1px solid #d9dee3; border-radius: 8px; margin-top: 14px;
    background: white; padding: 10px 8px 8px 8px; }
QGroupBox::title { subcontrol-origin: margin; left: 12px; padding: 0 4px; color: #323f4b; }
QPushButton { padding: 6px 14px; border: 1px solid #c4cdd5; border-radius: 6px;
    background: white; }
QPushButton:hover { background: #eef4ff; }
QPushButton:focus { border: 2px solid #3ea6ff; }
QPushButton#primary { background: #1f6feb; color: white; border: 1px solid #1a5fd0;
    font-weight: 600; }
QPushButton#primary:hover { background: #1a5fd0; }
QPushButton#big { font-size: 15pt; padding: 14px 28px; }
QToolBar { background: white; border-bottom: 1px solid #d9dee3; spacing: 6px; padding: 4px; }
QToolButton { padding: 6px 10px; border-radius: 6px; }
QToolButton:hover { background: #eef4ff; }
QListView, QTableView, QPlainTextEdit, QLineEdit, QComboBox, QSpinBox, QTextEdit {
    background: white; border: 1px solid #c4cdd5; border-radius: 6px; }
QLineEdit, QComboBox, QSpinBox { padding: 4px 6px; }
QLineEdit[invalid="true"] { border: 2px solid #d92d20; background: #fff5f5; }
QListView::item:selected { background: #dbeafe; color: black; }
QListWidget#dropdown { border: 1px solid #8aa4c8; padding: 2px; }
QStatusBar { background: white; border-top: 1px solid #d9dee3; }
QTabWidget::pane { border: 1px solid #d9dee3; border-radius: 6px; background: white; }
QTabBar::tab { padding: 6px 14px; }
"""


def ui_font() -> QFont:
    font = QFont()
    font.setFamilies(["Noto Sans", "DejaVu Sans", "Liberation Sans", "Segoe UI", "Arial"])
    font.setPointSize(11)
    return font


def apply(app: QApplication) -> None:
    app.setFont(ui_font())
    app.setStyle("Fusion")
    app.setStyleSheet(STYLE)
